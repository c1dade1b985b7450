package dev.nifiocr.processors;

import dev.nifiocr.error.Classification;
import dev.nifiocr.error.ErrorCategory;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.error.Outcome;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.util.Map;

/**
 * Where a FlowFile goes when its call did not succeed, as InvokeTencentOCR routes it: retry (penalized) for passing faults and
 * throttling, failure otherwise; the processor yields when every FlowFile would meet the same answer for a while
 * (throttling, the concurrent-job limit, account problems).
 */
record ErrorRoute(ErrorClassifier classifier, ComponentLog log, Relationship retry, Relationship failure) {

    void route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String counterPrefix,
               final String errorCode, final String errorMessage) {
        final Classification classification = classifier.classify(errorCode);
        session.adjustCounter(counterPrefix + " Error " + errorCode, 1, false);
        FlowFile routed = session.putAllAttributes(flowFile, Map.of(OcrAttributes.ERROR_CODE, errorCode,
                OcrAttributes.ERROR_MESSAGE, errorMessage == null ? "" : errorMessage,
                OcrAttributes.ERROR_CATEGORY, classification.category().name()));
        if (classification.category() == ErrorCategory.THROTTLED) {
            session.adjustCounter(counterPrefix + " Throttled", 1, false);
        }
        if (classification.yieldProcessor()) {
            context.yield();
        }
        if (classification.outcome() == Outcome.RETRY) {
            routed = session.penalize(routed);
            log.warn("{} [{}] to retry: {} {}", counterPrefix, errorCode, errorMessage, routed);
            session.transfer(routed, retry);
        } else {
            log.warn("{} [{}] to failure: {} {}", counterPrefix, errorCode, errorMessage, routed);
            session.transfer(routed, failure);
        }
    }
}
