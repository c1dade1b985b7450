package dev.nifiocr.cluster;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The lease entries in a component's cluster state, and the epoch that numbers what the shares are computed from.
 * Pure functions of the state map; other keys are left as they are, so other per-account mechanisms (the daily budget)
 * keep their entries beside.
 * <ul>
 *     <li>{@code lease.<holder>} = {@code <expiry>;<acknowledged epoch>;<demand>}: when the lease expires (epoch
 *     milliseconds), the last epoch whose shares the holder has applied (it sends no more than its share of that epoch),
 *     and the limits it has work for, comma-separated (the limits' keys);</li>
 *     <li>{@code leases.epoch}: counts the changes of who holds a lease and of what they have work for. Every node computes
 *     the same shares from the same epoch ({@link SharePolicy}), so a share may grow once every holder has acknowledged
 *     the epoch, that is, has lowered its own.</li>
 * </ul>
 * An entry nobody can read (written by hand, or by an earlier version) counts as expired and is cleaned up.
 */
final class LeaseTable {

    static final String PREFIX = "lease.";
    static final String EPOCH = "leases.epoch";
    private static final long NEVER = -1;

    private LeaseTable() {
    }

    /** One holder's lease. */
    record Lease(String holder, long expiresAt, long acknowledged, Set<String> demand) {

        String value() {
            return expiresAt + ";" + acknowledged + ";" + String.join(",", new TreeSet<>(demand));
        }

        static Lease parse(final String holder, final String value) {
            final String[] parts = value.split(";", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                final Set<String> demand = parts[2].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(parts[2].split(",")));
                return new Lease(holder, Long.parseLong(parts[0]), Long.parseLong(parts[1]), demand);
            } catch (final NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * What a node reads from the table: the epoch and every readable lease, expired or not (only a write removes an
     * expired lease and counts a new epoch, so that every node computes its share from the same leases for an epoch).
     */
    record View(long epoch, SortedMap<String, Lease> leases) {

        /** Whether every holder has lowered its share to this epoch's (vacuously true for no holder). */
        boolean allAcknowledged() {
            return leases.values().stream().allMatch(lease -> lease.acknowledged() == epoch);
        }

        /** Whether a write would clean something up: an expired lease (by the reader's clock) or an unreadable one. */
        boolean needsCleanup(final Map<String, String> state, final long now) {
            return leases.values().stream().anyMatch(lease -> lease.expiresAt() <= now)
                    || state.keySet().stream().filter(key -> key.startsWith(PREFIX)).count() != leases.size();
        }
    }

    static View view(final Map<String, String> state) {
        final SortedMap<String, Lease> leases = new TreeMap<>();
        state.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                final Lease lease = Lease.parse(key.substring(PREFIX.length()), value);
                if (lease != null) {
                    leases.put(lease.holder(), lease);
                }
            }
        });
        return new View(epoch(state), Collections.unmodifiableSortedMap(leases));
    }

    /**
     * The state with the holder's lease renewed (to expire at {@code expiresAt}, with its demand) and every lease expired
     * at {@code now} or unreadable removed; the epoch counts one more when that changed who holds a lease or what any
     * holder has work for.
     *
     * @param acknowledges whether the holder may acknowledge the resulting view's epoch (it sends no more than its share
     *                     of it); if not, its lease keeps the epoch it acknowledged before
     */
    static Map<String, String> renew(final Map<String, String> state, final String holder, final long now, final long expiresAt,
                                     final Set<String> demand, final Predicate<View> acknowledges) {
        final View before = view(state);
        final Map<String, String> next = new HashMap<>();
        state.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                next.put(key, value);
            }
        });
        before.leases().values().forEach(lease -> {
            if (lease.expiresAt() > now && !lease.holder().equals(holder)) {
                next.put(PREFIX + lease.holder(), lease.value());
            }
        });
        final Lease previous = before.leases().get(holder);
        final long acknowledged = previous == null ? NEVER : previous.acknowledged();
        next.put(PREFIX + holder, new Lease(holder, expiresAt, acknowledged, demand).value());
        countEpoch(before, next);
        final View after = view(next);
        if (acknowledges.test(after)) {
            next.put(PREFIX + holder, new Lease(holder, expiresAt, after.epoch(), demand).value());
        }
        return next;
    }

    /** The state without the holder's lease (a new epoch when it had one). */
    static Map<String, String> release(final Map<String, String> state, final String holder) {
        final View before = view(state);
        final Map<String, String> next = new HashMap<>(state);
        next.remove(PREFIX + holder);
        countEpoch(before, next);
        return next;
    }

    private static void countEpoch(final View before, final Map<String, String> next) {
        if (!demands(before).equals(demands(view(next)))) {
            next.put(EPOCH, Long.toString(before.epoch() + 1));
        }
    }

    // who holds a lease and what each has work for: what the shares are computed from
    private static Map<String, Set<String>> demands(final View view) {
        final Map<String, Set<String>> demands = new HashMap<>();
        view.leases().values().forEach(lease -> demands.put(lease.holder(), lease.demand()));
        return demands;
    }

    private static long epoch(final Map<String, String> state) {
        try {
            return Long.parseLong(state.getOrDefault(EPOCH, "0"));
        } catch (final NumberFormatException e) {
            return 0;
        }
    }
}
