package dev.nifiocr.error;

/**
 * The routing decision for one error code: its category, and the outcome after the user's overrides.
 *
 * @param category why the call did not produce a result
 * @param outcome where the FlowFile goes
 */
public record Classification(ErrorCategory category, Outcome outcome) {

    /** Retried FlowFiles are penalized so they wait before the next try. */
    public boolean penalize() {
        return outcome == Outcome.RETRY;
    }

    public boolean yieldProcessor() {
        return category.yieldProcessor();
    }
}
