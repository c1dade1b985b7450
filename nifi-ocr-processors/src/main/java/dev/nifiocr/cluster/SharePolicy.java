package dev.nifiocr.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which part of an account-wide limit each node takes, and how long a node waits before it takes more. Pure. */
public final class SharePolicy {

    /**
     * The longest wait before a share grows: the longest window over which the account's rate is held exactly (Tencent
     * counts per second; the cluster test measures 1 s and 5 s windows). A window that long cannot hold both the moment the
     * others lowered their shares and the moment this node raised its own.
     */
    static final Duration LONGEST_RAISE_DELAY = Duration.ofSeconds(5);

    private SharePolicy() {
    }

    /**
     * This holder's rate for one of the account's limits, the same on every node for the same view: the limit is split
     * among the holders that have work for it (among all of them when none has), in whole requests per second when there
     * are at least as many as holders sharing it (so that no second holds more than the limit: 20/s over 3 nodes is 7, 7
     * and 6, not 6.67 each, which lets 7 through in one second on each node), else in equal fractions.
     *
     * @param limit the account's limit, requests per second
     * @param key the limit's key, as the holders name it in their demand
     */
    static double rate(final double limit, final String key, final LeaseTable.View view, final String holder) {
        List<String> sharing = view.leases().values().stream().filter(lease -> lease.demand().contains(key)).map(LeaseTable.Lease::holder).toList();
        if (sharing.isEmpty()) {
            sharing = List.copyOf(view.leases().keySet());
        }
        final int index = sharing.indexOf(holder);
        if (index < 0) {
            return 0;
        }
        final int nodes = sharing.size();
        if (nodes == 1) {
            return limit;
        }
        final long whole = (long) Math.floor(limit + 1e-9);
        if (whole < nodes) {
            return limit / nodes;
        }
        return whole / nodes + (index < whole % nodes ? 1 : 0);
    }

    /** {@link #rate} for every limit of the account. */
    static Map<String, Double> rates(final Map<String, Double> accountLimits, final LeaseTable.View view, final String holder) {
        final Map<String, Double> rates = new HashMap<>();
        accountLimits.forEach((key, limit) -> rates.put(key, rate(limit, key, view, holder)));
        return rates;
    }

    /**
     * The most a disconnected node takes: 1 / (nodes last counted + 1) of the limit, because the others take over its
     * part once its lease expires while it may still be sending.
     */
    static double cautious(final double limit, final int liveNodes) {
        return limit / (Math.max(1, liveNodes) + 1);
    }

    /**
     * How long a node waits, after it has seen every holder acknowledge an epoch, before it raises a limit by
     * {@code increase} requests per second: until the capacity left unused meanwhile, at least {@code increase} per
     * second, comes to one request per other holder. Each node's spacing may round one request up in a window in which
     * its rate changes; the unused requests pay for that, so no window of whole seconds holds more than the limit.
     */
    static long raiseDelayNanos(final int holders, final double increase) {
        final double seconds = Math.max(0, holders - 1) / increase;
        return Math.min(LONGEST_RAISE_DELAY.toNanos(), (long) Math.ceil(seconds * 1e9));
    }
}
