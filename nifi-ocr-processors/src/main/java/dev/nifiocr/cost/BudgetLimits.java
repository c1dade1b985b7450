package dev.nifiocr.cost;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The account's daily budgets in billable calls: one for all Actions (null: none) and one per Action, over a calendar day
 * in {@code zone} (Tencent bills by Beijing time).
 */
public record BudgetLimits(Long daily, Map<String, Long> perAction, ZoneId zone) {

    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");

    public BudgetLimits {
        perAction = Map.copyOf(perAction);
    }

    /** Whether any budget applies at all; without one nothing is counted in state. */
    public boolean any() {
        return daily != null || !perAction.isEmpty();
    }

    /**
     * Parses {@code Action=N,Action=N}; blanks around names and numbers are ignored.
     *
     * @throws IllegalArgumentException naming the entry that is not an Action and a non-negative whole number
     */
    public static Map<String, Long> parsePerAction(final String text) {
        final Map<String, Long> budgets = new HashMap<>();
        if (text == null || text.isBlank()) {
            return budgets;
        }
        for (final String entry : text.split(",")) {
            final String[] parts = entry.split("=", 2);
            final String action = parts[0].trim();
            if (parts.length != 2 || !ACTION_NAME.matcher(action).matches()) {
                throw new IllegalArgumentException("[%s] is not Action=N, such as GeneralBasicOCR=1000".formatted(entry.trim()));
            }
            final long calls;
            try {
                calls = Long.parseLong(parts[1].trim());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("[%s]: the budget must be a whole number of calls".formatted(entry.trim()), e);
            }
            if (calls < 0) {
                throw new IllegalArgumentException("[%s]: the budget must not be negative".formatted(entry.trim()));
            }
            if (budgets.put(action, calls) != null) {
                throw new IllegalArgumentException("[%s] has two budgets".formatted(action));
            }
        }
        return budgets;
    }
}
