package dev.nifiocr.processors;

import dev.nifiocr.error.Outcome;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.service.api.TencentApiException;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

import java.util.Set;

/**
 * What became of each FlowFile a processor that calls Tencent took, in the {@link CallCounters} vocabulary, with the
 * FlowFiles that did not succeed routed by the {@link FailureRoute}: refused before a request, never sent, or sent and
 * answered (or not) with an error. Shared by InvokeTencentOCR and the job processors, so they count alike.
 */
final class CallLedger {

    // what an earlier try of a retried FlowFile left behind, when this try got no answer
    private static final Set<String> CALL_ATTRIBUTES = Set.of(OcrAttributes.REQUEST_ID, OcrAttributes.HTTP_STATUS, OcrAttributes.DURATION_MILLIS);

    private final FailureRoute route;

    CallLedger(final FailureRoute route) {
        this.route = route;
    }

    FailureRoute route() {
        return route;
    }

    /** The FlowFile was refused before a request was built: it never reached Tencent. */
    void refused(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                 final InvalidRequestException e) {
        CallCounters.count(session, actionName, CallCounters.REFUSED_LOCALLY);
        route.route(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), actionName, e.getErrorCode(), e.getMessage());
    }

    /** The call produced no answer; when the request reached the wire it is a request sent, counted by where it went. */
    void unanswered(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                    final TencentApiException e) {
        CallCounters.count(session, actionName, e.isRequestSent() ? CallCounters.REQUESTS_SENT : CallCounters.NOT_SENT);
        final Outcome outcome = route.route(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), actionName,
                e.getErrorCode(), e.getMessage());
        if (e.isRequestSent()) {
            CallCounters.answered(session, actionName, outcome);
        }
    }

    /** Tencent answered (any HTTP answer, an error too). */
    void sent(final ProcessSession session, final String actionName) {
        CallCounters.count(session, actionName, CallCounters.REQUESTS_SENT);
    }

    /** A sent request whose answer cannot be used: routed by its code, counted among the Answers by where it went. */
    void failed(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                final String errorCode, final String errorMessage) {
        CallCounters.answered(session, actionName, route.route(context, session, flowFile, actionName, errorCode, errorMessage));
    }

    /**
     * A sent request whose answer says asking again cannot help (a job that failed, a paid answer that did not decrypt):
     * to failure whatever the code's route, counted among the Answers Failed.
     */
    void failedForGood(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                       final String errorCode, final String errorMessage) {
        CallCounters.answered(session, actionName, Outcome.FAILURE);
        route.fail(context, session, flowFile, actionName, errorCode, errorMessage);
    }

    /** A sent request whose answer was used: the FlowFile went on as a result. */
    void succeeded(final ProcessSession session, final String actionName) {
        CallCounters.answered(session, actionName, Outcome.SUCCESS);
    }
}
