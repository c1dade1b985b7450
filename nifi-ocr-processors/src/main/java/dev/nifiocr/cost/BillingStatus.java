package dev.nifiocr.cost;

/** Whether Tencent bills an answer, as far as its published rules say. */
public enum BillingStatus {
    /** A result, or a failure Tencent's billing page lists as billed. */
    BILLED,
    /** A failure Tencent's billing page lists as not billed, or a call Tencent cannot bill to anyone. */
    NOT_BILLED,
    /** Tencent publishes nothing for this outcome: counted as billed, so budgets err on the safe side. */
    UNCERTAIN;

    /** Whether the call counts against budgets and the Billable Calls counters. */
    public boolean billable() {
        return this != NOT_BILLED;
    }
}
