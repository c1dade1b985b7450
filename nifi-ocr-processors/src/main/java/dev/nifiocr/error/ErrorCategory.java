package dev.nifiocr.error;

/**
 * Why a call did not produce a result, and therefore where the FlowFile goes and what the processor does.
 */
public enum ErrorCategory {
    /** Tencent's rate limit for the account or IP was hit: retry later, and slow this processor down. */
    THROTTLED(Outcome.RETRY, true),
    /** Tencent or the network had a passing fault: retry later. */
    TRANSIENT(Outcome.RETRY, false),
    /** The engine failed for a reason it did not name; a later try often succeeds. */
    AMBIGUOUS(Outcome.RETRY, false),
    /** Credentials, permissions, billing or configuration: nothing succeeds until someone changes them. */
    ACCOUNT(Outcome.FAILURE, true),
    /** The request or image itself is wrong: retrying the same FlowFile cannot help. */
    INPUT(Outcome.FAILURE, false),
    /** A valid answer saying the image has no text or no document of the requested kind. */
    NO_RESULT(Outcome.SUCCESS, false),
    /** A code this bundle does not know: failure, so a FlowFile never loops on something unexplained. */
    UNKNOWN(Outcome.FAILURE, false);

    private final Outcome outcome;
    private final boolean yieldProcessor;

    ErrorCategory(final Outcome outcome, final boolean yieldProcessor) {
        this.outcome = outcome;
        this.yieldProcessor = yieldProcessor;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the processor should yield because every FlowFile would meet the same answer for a while. */
    public boolean yieldProcessor() {
        return yieldProcessor;
    }
}
