package dev.nifiocr.processors;

import dev.nifiocr.error.Classification;
import dev.nifiocr.error.ErrorCategory;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.request.CallProperties;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.util.Map;
import java.util.Set;

/**
 * Where a FlowFile goes when a component could not do its work, for every component of this bundle: the code is
 * classified ({@link ErrorClassifier}, with the user's Retry / Failure Error Codes where the component has them), written
 * to {@code tencent.ocr.error.code}, {@code .message} and {@code .category}, counted as {@code Error <code>}; the FlowFile
 * goes to retry, penalized, or to failure, the component yields when every FlowFile would meet the same answer for a while
 * (throttling, account problems), and the log line is an error when nothing succeeds until someone acts, else a warning.
 * This is the only class that writes the error attributes. The relationships are the component's own, passed in.
 */
final class FailureRoute {

    static final Set<String> ERROR_ATTRIBUTES = Set.of(OcrAttributes.ERROR_CODE, OcrAttributes.ERROR_MESSAGE, OcrAttributes.ERROR_CATEGORY);

    private final ErrorClassifier classifier;
    private final ComponentLog log;
    private final Relationship retry;
    private final Relationship failure;

    /** @param retry the retry relationship, or null for a component without one: every error goes to failure */
    FailureRoute(final ErrorClassifier classifier, final ComponentLog log, final Relationship retry, final Relationship failure) {
        this.classifier = classifier;
        this.log = log;
        this.retry = retry;
        this.failure = failure;
    }

    /** The route of a component that calls Tencent, with the user's Retry and Failure Error Codes. */
    static FailureRoute withOverrides(final ProcessContext context, final ComponentLog log, final Relationship retry, final Relationship failure) {
        return new FailureRoute(new ErrorClassifier(ErrorClassifier.parseCodes(context.getProperty(CallProperties.RETRY_ERROR_CODES).getValue()),
                ErrorClassifier.parseCodes(context.getProperty(CallProperties.FAILURE_ERROR_CODES).getValue())), log, retry, failure);
    }

    /** The route of a component that refuses input it cannot use: everything to failure, by the catalogue's categories. */
    static FailureRoute toFailure(final ComponentLog log, final Relationship failure) {
        return new FailureRoute(new ErrorClassifier(), log, null, failure);
    }

    /**
     * Routes the FlowFile by its error code.
     *
     * @param subject what failed, at the start of the log line: the Action, or what the component works on ("Image")
     * @return where it went: RETRY or FAILURE
     */
    Outcome route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String subject,
                  final String errorCode, final String errorMessage) {
        return route(context, session, flowFile, subject, errorCode, errorMessage, null);
    }

    /** As {@link #route(ProcessContext, ProcessSession, FlowFile, String, String, String)}, with the cause logged. */
    Outcome route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String subject,
                  final String errorCode, final String errorMessage, final Throwable cause) {
        final Classification classification = classifier.classify(errorCode);
        final Outcome outcome = classification.outcome() == Outcome.RETRY && retry != null ? Outcome.RETRY : Outcome.FAILURE;
        transfer(context, session, flowFile, subject, errorCode, errorMessage, classification.category(), outcome, cause);
        return outcome;
    }

    /**
     * Sends the FlowFile to failure whatever its code's route and the user's overrides, for what asking again cannot
     * change (a job that failed, a paid answer that did not decrypt); the category is still the code's.
     */
    void fail(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String subject,
              final String errorCode, final String errorMessage) {
        transfer(context, session, flowFile, subject, errorCode, errorMessage, ErrorClassifier.categorize(errorCode), Outcome.FAILURE, null);
    }

    /** Writes the error attributes on a FlowFile that goes on as a result (an answer saying "no text") and counts the code. */
    FlowFile mark(final ProcessSession session, final FlowFile flowFile, final String errorCode, final String errorMessage) {
        return mark(session, flowFile, errorCode, errorMessage, classifier.classify(errorCode).category());
    }

    /** The code's classification: NO_RESULT codes go on as results. */
    Classification classify(final String errorCode) {
        return classifier.classify(errorCode);
    }

    /** Removes what an earlier, failed try left in the error attributes. */
    static FlowFile clear(final ProcessSession session, final FlowFile flowFile) {
        return session.removeAllAttributes(flowFile, ERROR_ATTRIBUTES);
    }

    private void transfer(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String subject,
                          final String errorCode, final String errorMessage, final ErrorCategory category, final Outcome outcome,
                          final Throwable cause) {
        FlowFile routed = mark(session, flowFile, errorCode, errorMessage, category);
        if (category.yieldProcessor()) {
            context.yield();
        }
        if (outcome == Outcome.RETRY) {
            routed = session.penalize(routed);
            log.warn("{} [{}] to retry: {} {}", arguments(subject, errorCode, errorMessage, routed, cause));
            session.transfer(routed, retry);
            return;
        }
        if (category == ErrorCategory.ACCOUNT) {
            log.error("{} [{}] to failure; every request fails until the account or configuration is fixed: {} {}",
                    arguments(subject, errorCode, errorMessage, routed, cause));
        } else {
            log.warn("{} [{}] to failure: {} {}", arguments(subject, errorCode, errorMessage, routed, cause));
        }
        session.transfer(routed, failure);
    }

    /** The log line's arguments; a cause, when there is one, last, where the logger takes it as the exception. */
    private static Object[] arguments(final String subject, final String errorCode, final String errorMessage, final FlowFile flowFile,
                                      final Throwable cause) {
        return cause == null ? new Object[] {subject, errorCode, errorMessage, flowFile} : new Object[] {subject, errorCode, errorMessage, flowFile, cause};
    }

    private static FlowFile mark(final ProcessSession session, final FlowFile flowFile, final String errorCode, final String errorMessage,
                                 final ErrorCategory category) {
        session.adjustCounter(CallCounters.ERROR_PREFIX + errorCode, 1, false);
        return session.putAllAttributes(flowFile, Map.of(OcrAttributes.ERROR_CODE, errorCode,
                OcrAttributes.ERROR_MESSAGE, errorMessage == null ? "" : errorMessage, OcrAttributes.ERROR_CATEGORY, category.name()));
    }
}
