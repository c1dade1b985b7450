package dev.nifiocr.processors;

import dev.nifiocr.crypto.OcrEncryption;
import dev.nifiocr.crypto.ProtectedSessionKey;
import dev.nifiocr.document.ContentName;
import dev.nifiocr.document.RecognizedText;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where InvokeTencentOCR's FlowFile goes after its call, or after a refusal before any call: the answer to success,
 * the input to original; what did not succeed goes through the {@link CallLedger} (counters) and the {@link FailureRoute}
 * (retry or failure, error attributes, log line). Also the SEND event of each request that reached the wire.
 */
final class CallRouter {

    /** InvokeTencentOCR's relationships for results; retry and failure are the {@link FailureRoute}'s. */
    record Routes(Relationship success, Relationship original, Relationship answer) {
    }

    // what an earlier try of a retried FlowFile left behind, when this one is answered from the cache
    private static final Set<String> CALL_ATTRIBUTES = Set.of(OcrAttributes.REQUEST_ID, OcrAttributes.HTTP_STATUS, OcrAttributes.DURATION_MILLIS);

    private final CallLedger ledger;
    private final Routes routes;
    private final boolean textOutput;
    private final boolean answerConnected;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param textOutput the success FlowFile holds the recognised text instead of the JSON answer
     * @param answerConnected with text output, the JSON answer goes to the answer relationship too
     */
    CallRouter(final CallLedger ledger, final Routes routes, final boolean textOutput, final boolean answerConnected) {
        this.ledger = ledger;
        this.routes = routes;
        this.textOutput = textOutput;
        this.answerConnected = answerConnected;
    }

    /** The FlowFile was refused before a request was built: it never reached Tencent. */
    void refused(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                 final InvalidRequestException e) {
        ledger.refused(context, session, flowFile, actionName, e);
    }

    /** The same request was answered before: the cached answer to success, the input to original; no call, no bill. */
    void cached(final ProcessSession session, final FlowFile flowFile, final byte[] answer) {
        final FlowFile original = session.putAttribute(session.removeAllAttributes(FailureRoute.clear(session, flowFile), CALL_ATTRIBUTES),
                OcrAttributes.BILLABLE, "false");
        transferAnswer(session, original, answer, Map.of(OcrAttributes.CACHE_HIT, "true"), null, null);
    }

    /** The call produced no answer; when the request reached the wire it is a SEND and may have been billed. */
    void unanswered(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                    final String actionName, final TencentApiException e, final long startedNanos) {
        if (e.isRequestSent()) {
            provenance(session, flowFile, client, actionName, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        }
        ledger.unanswered(context, session, flowFile, actionName, e);
    }

    /** Tencent answered: success, no result, or an error routed by its code. */
    void answered(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                  final String actionName, final TencentApiResponse response) {
        ledger.sent(session, actionName);
        provenance(session, flowFile, client, actionName, response.requestId(), response.durationMillis());
        final Map<String, String> callAttributes = new HashMap<>();
        callAttributes.put(OcrAttributes.HTTP_STATUS, Integer.toString(response.httpStatus()));
        callAttributes.put(OcrAttributes.DURATION_MILLIS, Long.toString(response.durationMillis()));
        if (response.requestId() != null) {
            callAttributes.put(OcrAttributes.REQUEST_ID, response.requestId());
        }
        final FlowFile original = session.putAllAttributes(flowFile, callAttributes);
        if (response.successful()) {
            succeeded(context, session, FailureRoute.clear(session, original), client, actionName, response);
            return;
        }
        if (ledger.route().classify(response.errorCode()).outcome() == Outcome.SUCCESS) {
            CallCounters.count(session, actionName, CallCounters.NO_RESULT);
            transferAnswer(session, original, response.body(), Map.of(), response.errorCode(), response.errorMessage());
            return;
        }
        ledger.failed(context, session, original, actionName, response.errorCode(), explain(actionName, response));
    }

    /**
     * Every request that reached the wire is a SEND, whatever came back: Tencent may have processed and billed it even
     * when the answer timed out, broke off or was malformed.
     */
    private static void provenance(final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                                   final String actionName, final String requestId, final long durationMillis) {
        final String details = requestId == null ? "Action " + actionName : "Action %s, RequestId %s".formatted(actionName, requestId);
        session.getProvenanceReporter().send(flowFile, client.getEndpoint() + "/", details, durationMillis);
    }

    private void succeeded(final ProcessContext context, final ProcessSession session, final FlowFile original, final TencentCloudClientService client,
                           final String actionName, final TencentApiResponse response) {
        final String protectedValue = original.getAttribute(OcrAttributes.ENCRYPTION_SESSION);
        if (protectedValue == null) {
            ledger.succeeded(session, actionName);
            transferAnswer(session, original, response.body(), Map.of(), null, null);
            return;
        }
        try {
            final ProtectedSessionKey sessionKey = ProtectedSessionKey.of(original.getAttribute(OcrAttributes.ENCRYPTION_ALGORITHM), protectedValue);
            final byte[] decrypted = new OcrEncryption(client.getSensitiveDataKeys(), random).decryptAnswer(response.body(), sessionKey);
            ledger.succeeded(session, actionName);
            transferAnswer(session, original, decrypted == null ? response.body() : decrypted,
                    Map.of(OcrAttributes.DECRYPTED, Boolean.toString(decrypted != null)), null, null);
        } catch (final GeneralSecurityException | IllegalArgumentException e) {
            keepUndecryptedAnswer(context, session, original, actionName, response, e);
        }
    }

    /** @param errorCode a code the answer carries (no text, no such document), or null */
    private void transferAnswer(final ProcessSession session, final FlowFile original, final byte[] body,
                                final Map<String, String> extraAttributes, final String errorCode, final String errorMessage) {
        FlowFile answer = session.create(original);
        answer = session.removeAttribute(answer, OcrAttributes.ENCRYPTION_SESSION);
        answer = session.write(answer, out -> out.write(body));
        answer = session.putAllAttributes(answer, ContentName.JSON.attributes(answer.getAttribute(CoreAttributes.FILENAME.key())));
        answer = session.putAllAttributes(answer, extraAttributes);
        if (errorCode != null) {
            answer = ledger.route().mark(session, answer, errorCode, errorMessage);
        }
        if (textOutput) {
            if (answerConnected) {
                session.transfer(session.clone(answer), routes.answer());
            }
            answer = session.write(answer, out -> RecognizedText.write(body, out));
            answer = session.putAllAttributes(answer, ContentName.TEXT.attributes(answer.getAttribute(CoreAttributes.FILENAME.key())));
        }
        session.transfer(answer, routes.success());
        session.transfer(original, routes.original());
    }

    /**
     * The answer was paid for but does not decrypt (the protection secret changed, the answer was altered): it goes to
     * failure as it came, still encrypted, with the attributes needed to decrypt it later; the input goes to original.
     * Always failure, whatever Retry Error Codes say: on retry the answer would come back here as a request.
     */
    private void keepUndecryptedAnswer(final ProcessContext context, final ProcessSession session, final FlowFile original,
                                       final String actionName, final TencentApiResponse response, final Exception cause) {
        final String message = "Encrypted answer (RequestId %s) did not decrypt: %s; the answer is kept, still encrypted, as content"
                .formatted(response.requestId(), cause.getMessage());
        FlowFile answer = session.create(original);
        answer = session.write(answer, out -> out.write(response.body()));
        answer = session.putAllAttributes(answer, ContentName.JSON.attributes(answer.getAttribute(CoreAttributes.FILENAME.key())));
        ledger.failedForGood(context, session, answer, actionName, ErrorCatalogue.DECRYPTION_FAILED, message);
        session.transfer(original, routes.original());
    }

    /** Tencent's message, plus the CAM permission to grant when a sub-account lacks one. */
    private static String explain(final String actionName, final TencentApiResponse response) {
        final String message = response.errorMessage() == null ? "" : response.errorMessage();
        if (ErrorCatalogue.lacksPermission(response.errorCode())) {
            return message + " (grant the sub-account the CAM permission ocr:" + actionName + ", e.g. with policy QcloudOCRFullAccess)";
        }
        return message;
    }
}
