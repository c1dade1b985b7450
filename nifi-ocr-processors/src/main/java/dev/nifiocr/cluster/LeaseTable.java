package dev.nifiocr.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The lease entries in a component's cluster state: {@code lease.<holder>} = expiry in epoch milliseconds. Pure functions
 * of the state map; other keys are left as they are, so other per-account mechanisms can keep their entries beside.
 */
final class LeaseTable {

    static final String PREFIX = "lease.";

    private LeaseTable() {
    }

    /** The state with the holder's lease set to expire at {@code expiresAt} and every lease expired at {@code now} removed. */
    public static Map<String, String> renew(final Map<String, String> state, final String holder, final long now, final long expiresAt) {
        final Map<String, String> next = new HashMap<>();
        for (final Map.Entry<String, String> entry : state.entrySet()) {
            if (!entry.getKey().startsWith(PREFIX) || expiry(entry.getValue()) > now) {
                next.put(entry.getKey(), entry.getValue());
            }
        }
        next.put(PREFIX + holder, Long.toString(expiresAt));
        return next;
    }

    /** The state without the holder's lease. */
    public static Map<String, String> release(final Map<String, String> state, final String holder) {
        final Map<String, String> next = new HashMap<>(state);
        next.remove(PREFIX + holder);
        return next;
    }

    /** How many leases have not expired at {@code now}. */
    public static int live(final Map<String, String> state, final long now) {
        int live = 0;
        for (final Map.Entry<String, String> entry : state.entrySet()) {
            if (entry.getKey().startsWith(PREFIX) && expiry(entry.getValue()) > now) {
                live++;
            }
        }
        return live;
    }

    // an entry nobody can read (written by hand, or by a later version) counts as expired and is cleaned up
    private static long expiry(final String value) {
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
