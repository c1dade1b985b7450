package dev.nifiocr.processors;

import dev.nifiocr.crypto.OcrEncryption;
import dev.nifiocr.crypto.ProtectedSessionKey;
import dev.nifiocr.document.RecognizedText;
import dev.nifiocr.error.Classification;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.ErrorCategory;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where InvokeTencentOCR's FlowFile goes after its call, or after a refusal before any call: the answer to success,
 * the input to original, retry or failure as the {@link ErrorClassifier} says, with the error attributes, the SEND
 * event, the counters ({@link CallCounters}) and a log line at the level the cause deserves.
 */
final class CallRouter {

    private static final String MIME_JSON = "application/json";
    private static final Set<String> ERROR_ATTRIBUTES = Set.of(OcrAttributes.ERROR_CODE, OcrAttributes.ERROR_MESSAGE, OcrAttributes.ERROR_CATEGORY);
    // what an earlier try of a retried FlowFile left behind, when this try got no answer
    private static final Set<String> CALL_ATTRIBUTES = Set.of(OcrAttributes.REQUEST_ID, OcrAttributes.HTTP_STATUS, OcrAttributes.DURATION_MILLIS);

    private final ErrorClassifier classifier;
    private final ComponentLog logger;
    private final boolean textOutput;
    private final boolean answerConnected;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param textOutput the success FlowFile holds the recognised text instead of the JSON answer
     * @param answerConnected with text output, the JSON answer goes to the answer relationship too
     */
    CallRouter(final ErrorClassifier classifier, final ComponentLog logger, final boolean textOutput, final boolean answerConnected) {
        this.classifier = classifier;
        this.logger = logger;
        this.textOutput = textOutput;
        this.answerConnected = answerConnected;
    }

    /** The FlowFile was refused before a request was built: it never reached Tencent. */
    void refused(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                 final InvalidRequestException e) {
        CallCounters.count(session, actionName, CallCounters.REFUSED_LOCALLY);
        routeError(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), actionName, e.getErrorCode(), e.getMessage());
    }

    /** The same request was answered before: the cached answer to success, the input to original; no call, no bill. */
    void cached(final ProcessSession session, final FlowFile flowFile, final byte[] answer) {
        final FlowFile original = session.putAttribute(session.removeAllAttributes(session.removeAllAttributes(flowFile, ERROR_ATTRIBUTES), CALL_ATTRIBUTES),
                OcrAttributes.BILLABLE, "false");
        transferAnswer(session, original, answer, Map.of(OcrAttributes.CACHE_HIT, "true"));
    }

    /** Marks whether Tencent bills this call, and counts it when it does. */
    static FlowFile billable(final ProcessSession session, final FlowFile flowFile, final String actionName, final boolean billable) {
        if (billable) {
            CallCounters.count(session, actionName, CallCounters.BILLABLE_CALLS);
        }
        return session.putAttribute(flowFile, OcrAttributes.BILLABLE, Boolean.toString(billable));
    }

    /** The call produced no answer; when the request reached the wire it is a SEND and may have been billed. */
    void unanswered(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                    final String actionName, final TencentApiException e, final long startedNanos) {
        if (e.isRequestSent()) {
            sent(session, flowFile, client, actionName, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        } else {
            CallCounters.count(session, actionName, CallCounters.NOT_SENT);
        }
        final Outcome outcome = routeError(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), actionName, e.getErrorCode(), e.getMessage());
        if (e.isRequestSent()) {
            CallCounters.count(session, actionName, outcome == Outcome.RETRY ? CallCounters.RETRIED : CallCounters.FAILED);
        }
    }

    /** Tencent answered: success, no result, or an error routed by its code. */
    void answered(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                  final String actionName, final TencentApiResponse response) {
        sent(session, flowFile, client, actionName, response.requestId(), response.durationMillis());
        final Map<String, String> callAttributes = new HashMap<>();
        callAttributes.put(OcrAttributes.HTTP_STATUS, Integer.toString(response.httpStatus()));
        callAttributes.put(OcrAttributes.DURATION_MILLIS, Long.toString(response.durationMillis()));
        if (response.requestId() != null) {
            callAttributes.put(OcrAttributes.REQUEST_ID, response.requestId());
        }
        final FlowFile original = session.putAllAttributes(flowFile, callAttributes);
        if (response.successful()) {
            succeeded(session, session.removeAllAttributes(original, ERROR_ATTRIBUTES), client, actionName, response);
            return;
        }
        final Classification classification = classifier.classify(response.errorCode());
        if (classification.outcome() == Outcome.SUCCESS) {
            CallCounters.count(session, actionName, CallCounters.NO_RESULT);
            CallCounters.countError(session, response.errorCode());
            transferAnswer(session, original, response.body(), errorAttributes(response.errorCode(), response.errorMessage(), classification));
            return;
        }
        final Outcome outcome = routeError(context, session, original, actionName, response.errorCode(), explain(actionName, response));
        CallCounters.count(session, actionName, outcome == Outcome.RETRY ? CallCounters.RETRIED : CallCounters.FAILED);
    }

    /**
     * Every request that reached the wire is a SEND and a request sent, whatever came back: Tencent may have processed
     * and billed it even when the answer timed out, broke off or was malformed.
     */
    private static void sent(final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                             final String actionName, final String requestId, final long durationMillis) {
        CallCounters.count(session, actionName, CallCounters.REQUESTS_SENT);
        final String details = requestId == null ? "Action " + actionName : "Action %s, RequestId %s".formatted(actionName, requestId);
        session.getProvenanceReporter().send(flowFile, client.getEndpoint() + "/", details, durationMillis);
    }

    private void succeeded(final ProcessSession session, final FlowFile original, final TencentCloudClientService client,
                           final String actionName, final TencentApiResponse response) {
        final String protectedValue = original.getAttribute(OcrAttributes.ENCRYPTION_SESSION);
        if (protectedValue == null) {
            CallCounters.count(session, actionName, CallCounters.SUCCEEDED);
            transferAnswer(session, original, response.body(), Map.of());
            return;
        }
        try {
            final ProtectedSessionKey sessionKey = ProtectedSessionKey.of(original.getAttribute(OcrAttributes.ENCRYPTION_ALGORITHM), protectedValue);
            final byte[] decrypted = new OcrEncryption(client.getSensitiveDataKeys(), random).decryptAnswer(response.body(), sessionKey);
            CallCounters.count(session, actionName, CallCounters.SUCCEEDED);
            transferAnswer(session, original, decrypted == null ? response.body() : decrypted,
                    Map.of(OcrAttributes.DECRYPTED, Boolean.toString(decrypted != null)));
        } catch (final GeneralSecurityException | IllegalArgumentException e) {
            keepUndecryptedAnswer(session, original, actionName, response, e);
        }
    }

    private void transferAnswer(final ProcessSession session, final FlowFile original, final byte[] body,
                                final Map<String, String> extraAttributes) {
        FlowFile answer = session.create(original);
        answer = session.removeAttribute(answer, OcrAttributes.ENCRYPTION_SESSION);
        answer = session.write(answer, out -> out.write(body));
        answer = session.putAttribute(answer, CoreAttributes.MIME_TYPE.key(), MIME_JSON);
        answer = session.putAllAttributes(answer, extraAttributes);
        if (textOutput) {
            if (answerConnected) {
                session.transfer(session.clone(answer), InvokeTencentOCR.REL_ANSWER);
            }
            answer = session.write(answer, out -> RecognizedText.write(body, out));
            answer = session.putAttribute(answer, CoreAttributes.MIME_TYPE.key(), "text/plain; charset=UTF-8");
        }
        session.transfer(answer, InvokeTencentOCR.REL_SUCCESS);
        session.transfer(original, InvokeTencentOCR.REL_ORIGINAL);
    }

    /**
     * The answer was paid for but does not decrypt (the protection secret changed, the answer was altered): it goes to
     * failure as it came, still encrypted, with the attributes needed to decrypt it later; the input goes to original.
     */
    private void keepUndecryptedAnswer(final ProcessSession session, final FlowFile original,
                                       final String actionName, final TencentApiResponse response, final Exception cause) {
        final String message = "Encrypted answer (RequestId %s) did not decrypt: %s; the answer is kept, still encrypted, as content"
                .formatted(response.requestId(), cause.getMessage());
        FlowFile answer = session.create(original);
        answer = session.write(answer, out -> out.write(response.body()));
        answer = session.putAttribute(answer, CoreAttributes.MIME_TYPE.key(), MIME_JSON);
        // always failure, whatever Retry Error Codes say: on retry the answer would come back here as a request
        answer = session.putAllAttributes(answer, errorAttributes(ErrorCatalogue.DECRYPTION_FAILED, message,
                classifier.classify(ErrorCatalogue.DECRYPTION_FAILED)));
        CallCounters.count(session, actionName, CallCounters.FAILED);
        CallCounters.countError(session, ErrorCatalogue.DECRYPTION_FAILED);
        logger.error("{} [{}] to failure: {} {}", actionName, ErrorCatalogue.DECRYPTION_FAILED, message, answer);
        session.transfer(answer, InvokeTencentOCR.REL_FAILURE);
        session.transfer(original, InvokeTencentOCR.REL_ORIGINAL);
    }

    private Outcome routeError(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                               final String errorCode, final String errorMessage) {
        final Classification classification = classifier.classify(errorCode);
        CallCounters.countError(session, errorCode);
        FlowFile routed = session.putAllAttributes(flowFile, errorAttributes(errorCode, errorMessage, classification));
        if (classification.yieldProcessor()) {
            context.yield();
        }
        if (classification.outcome() == Outcome.RETRY) {
            routed = session.penalize(routed);
            logger.warn("{} [{}] to retry: {} {}", actionName, errorCode, errorMessage, routed);
            session.transfer(routed, InvokeTencentOCR.REL_RETRY);
            return Outcome.RETRY;
        }
        if (classification.category() == ErrorCategory.ACCOUNT) {
            logger.error("{} [{}] to failure; every request fails until the account or configuration is fixed: {} {}",
                    actionName, errorCode, errorMessage, routed);
        } else {
            logger.warn("{} [{}] to failure: {} {}", actionName, errorCode, errorMessage, routed);
        }
        session.transfer(routed, InvokeTencentOCR.REL_FAILURE);
        return Outcome.FAILURE;
    }

    private static Map<String, String> errorAttributes(final String errorCode, final String errorMessage, final Classification classification) {
        return Map.of(OcrAttributes.ERROR_CODE, errorCode,
                OcrAttributes.ERROR_MESSAGE, errorMessage == null ? "" : errorMessage,
                OcrAttributes.ERROR_CATEGORY, classification.category().name());
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
