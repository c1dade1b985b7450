package dev.nifiocr.error;

/**
 * Whether Tencent bills a call that ends with an error code, as its page "错误码计费说明" (product/866/45470) states.
 * Where the page says nothing, or the request may or may not have reached Tencent, the outcome counts as billable.
 */
public enum Billing {
    /** Tencent's billing page lists the code as billed (是), or the answer was a success. */
    BILLED,
    /** Not billed: Tencent's page lists the code as 否, or this bundle refused the FlowFile before any request went out. */
    NOT_BILLED,
    /** Not stated, or the request may have been processed: treated as billed. */
    UNCONFIRMED;

    /** Whether a cost estimate must count this outcome: billed, or possibly billed. */
    public boolean billable() {
        return this != NOT_BILLED;
    }
}
