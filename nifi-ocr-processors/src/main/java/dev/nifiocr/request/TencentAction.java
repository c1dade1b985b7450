package dev.nifiocr.request;

import org.apache.nifi.components.DescribedValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What every Action this bundle knows shares, whichever Tencent service it belongs to (OCR, lkeap): the name it is called
 * by, the service and version it is signed and sent with, its part in an asynchronous job, and the parameters it declares.
 * Actions are looked up by name here and nowhere else.
 */
public sealed interface TencentAction extends DescribedValue permits OcrAction, LkeapAction {

    /** The Action name Tencent knows (X-TC-Action), which flows save. */
    String name();

    /** The service name the request is signed with and sent to (ocr, lkeap). */
    String service();

    /** The API version (X-TC-Version). */
    String version();

    /** The other half of an asynchronous job pair (the Action that submits or reads the job), or null when none. */
    TencentAction jobPartner();

    /** Whether the Action submits an asynchronous job, which its {@link #jobPartner()} reads. */
    boolean submitsJob();

    /** Whether the Action reads the state and result of an asynchronous job. */
    default boolean readsJob() {
        return jobPartner() != null && !submitsJob();
    }

    /** The request field that names the job in a status call: JobId for OCR, TaskId for lkeap. */
    String jobIdField();

    /**
     * Whether the Action is lkeap's document parsing, whose finished job links to a result file instead of answering
     * inline, and whose failed job reports its reason where a failed call would.
     */
    boolean documentParsing();

    /** The request parameters Tencent declares for the Action, with their types; empty when not known. */
    Map<String, ParameterTypes.Type> declaredParameters();

    /** Every Action this bundle knows: the OCR Actions in their list order, then lkeap's. */
    static List<TencentAction> all() {
        return Stream.concat(Stream.of(OcrAction.values()), Stream.of(LkeapAction.values())).map(TencentAction.class::cast).toList();
    }

    /** The Action of that name, if this bundle knows it. */
    static Optional<TencentAction> named(final String name) {
        return all().stream().filter(action -> action.name().equals(name)).findFirst();
    }

    /** The OCR Action of that name, if it is one. */
    static Optional<OcrAction> ocr(final String name) {
        return named(name).filter(OcrAction.class::isInstance).map(OcrAction.class::cast);
    }
}
