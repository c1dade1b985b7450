package dev.nifiocr.cost;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The answer of {@link DailyBudget#reserve}: allowed, or why not and when that changes.
 *
 * @param allowed whether a billable call may be sent now
 * @param reason for a refusal: which budget is spent, or why the budget cannot be counted; null when allowed
 * @param resetsAt when the spent budget starts again (the next midnight in the budget's zone); null when allowed
 */
public record BudgetDecision(boolean allowed, String reason, ZonedDateTime resetsAt) {

    static final BudgetDecision ALLOWED = new BudgetDecision(true, null, null);
    private static final DateTimeFormatter MIDNIGHT = DateTimeFormatter.ofPattern("'midnight,' yyyy-MM-dd HH:mm VV");

    /** The refusal in words, for a bulletin. */
    public String describe() {
        return allowed ? "allowed" : "%s; FlowFiles stay queued until %s (or until the budget is raised)".formatted(reason, when(resetsAt));
    }

    /** A budget's reset as a reader writes it: "midnight, 2026-12-06 00:00 Asia/Shanghai". */
    public static String when(final ZonedDateTime resetsAt) {
        return MIDNIGHT.format(resetsAt);
    }
}
