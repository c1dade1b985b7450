package dev.nifiocr.cluster;

import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This node's shares of an account's limits on a cluster, agreed through the service's cluster-scoped state
 * ({@link LeaseTable}): each enabled instance holds a lease that says which limits it has work for and which epoch of
 * shares it has applied. NiFi offers no count of connected nodes (getClusterMembers() is a set of host names that keeps
 * disconnected nodes), hence the leases.
 * <p>
 * The protocol, run by {@link #tick()} every fraction of a second on the service's thread:
 * <ol>
 *     <li>Every change of who holds a lease or of what they have work for is a new epoch; every node computes the same
 *     shares from it ({@link SharePolicy#rate}).</li>
 *     <li>A node whose share of the new epoch is lower lowers it at once; once the slots it had handed out at the higher
 *     rate are past, it acknowledges the epoch in its lease.</li>
 *     <li>A node whose share is higher raises it only after it has seen every holder acknowledge the epoch, and then
 *     waits a little longer ({@link SharePolicy#raiseDelayNanos}). So a share is given only after it was taken from the
 *     others: a node that joins (or comes back, or gets work) starts at 0, and the others never send more than the
 *     account's limit between them.</li>
 * </ol>
 * A lease lives {@code leaseTime} after its last renewal; a node that crashed leaves its share unused until then. A
 * disconnected node cannot write (NiFi then serves cluster state from local state): it keeps at most its share and at
 * most 1 / (nodes last counted + 1) of the limit, since the others take over its share once its lease expires.
 * <p>
 * Lease expiry is wall-clock time written by each node, so node clocks must agree to well within the lease time.
 * One thread (the service's) drives it.
 */
public final class NodeLeases {

    private final StateManager stateManager;
    private final Supplier<Membership> membership;
    private final NodeLimits limits;
    private final Map<String, Double> accountLimits;
    private final Duration renewalInterval;
    private final Duration leaseTime;
    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final String holder = UUID.randomUUID().toString();
    private final Map<String, Double> applied = new ConcurrentHashMap<>();
    private volatile int liveNodes;
    private boolean counted;
    private long lastWrite;
    // slots handed out at rates above the applied ones end then: the node acknowledges no epoch before
    private long settledAt;
    private long acknowledgedEpoch = -1;
    private long acknowledgedSince;

    /**
     * @param limits this node's limiters, all at 0 until the first tick
     * @param renewalInterval how often the lease is renewed, well below {@code leaseTime}
     * @param leaseTime how long a lease lives after its last renewal
     * @param wallClockMillis the clock lease expiry is written in (epoch milliseconds)
     * @param nanoClock the limiters' clock ({@link System#nanoTime()})
     */
    public NodeLeases(final StateManager stateManager, final Supplier<Membership> membership, final NodeLimits limits,
                      final Duration renewalInterval, final Duration leaseTime, final LongSupplier wallClockMillis, final LongSupplier nanoClock) {
        this.stateManager = stateManager;
        this.membership = membership;
        this.limits = limits;
        this.accountLimits = Map.copyOf(limits.accountLimits());
        this.renewalInterval = renewalInterval;
        this.leaseTime = leaseTime;
        this.wallClockMillis = wallClockMillis;
        this.nanoClock = nanoClock;
        this.settledAt = nanoClock.getAsLong();
        accountLimits.keySet().forEach(key -> applied.put(key, 0.0));
    }

    /**
     * Standalone: the whole account. Connected: reads the lease table, lowers this node's shares to the current epoch's
     * at once, writes its lease when due (renewal, demand changed, an epoch to acknowledge, an expired lease to clean up)
     * and raises its shares when every holder has acknowledged. Disconnected: only lowers, to the cautious share.
     *
     * @throws IOException when the state provider failed, after lowering to the cautious share
     */
    public void tick() throws IOException {
        switch (membership.get()) {
            case STANDALONE -> raiseTo(Map.copyOf(accountLimits));
            case DISCONNECTED -> lowerToCautious();
            case CONNECTED -> {
                try {
                    connected();
                } catch (final IOException | RuntimeException e) {
                    lowerToCautious();
                    throw e;
                }
            }
        }
    }

    private void connected() throws IOException {
        final Map<String, String> state = stateManager.getState(Scope.CLUSTER).toMap();
        LeaseTable.View view = LeaseTable.view(state);
        final LeaseTable.Lease mine = view.leases().get(holder);
        if (mine == null) {
            // not counted (yet, or no more: the others found this node's lease expired and took over its share)
            lowerTo(key -> 0.0);
        } else {
            lowerTo(SharePolicy.rates(accountLimits, view, holder)::get);
        }
        final long now = wallClockMillis.getAsLong();
        final Set<String> demand = limits.demand();
        final boolean due = mine == null || now - lastWrite >= renewalInterval.toMillis() || !demand.equals(mine.demand())
                || mine.acknowledged() != view.epoch() && nanoClock.getAsLong() - settledAt >= 0 || view.needsCleanup(state, now);
        if (due) {
            final Map<String, String> written = ClusterStateUpdater.update(stateManager,
                    current -> LeaseTable.renew(current, holder, now, now + leaseTime.toMillis(), demand, this::acknowledges));
            lastWrite = now;
            counted = true;
            view = LeaseTable.view(written);
        }
        liveNodes = view.leases().size();
        raise(view);
    }

    // in the compare-and-set: this node lowers to the view's shares; it acknowledges the view's epoch once the slots it
    // handed out at higher rates are past
    private boolean acknowledges(final LeaseTable.View view) {
        lowerTo(SharePolicy.rates(accountLimits, view, holder)::get);
        return nanoClock.getAsLong() - settledAt >= 0;
    }

    private void raise(final LeaseTable.View view) {
        if (!view.leases().containsKey(holder) || !view.allAcknowledged()) {
            acknowledgedEpoch = -1;
            return;
        }
        final long now = nanoClock.getAsLong();
        if (acknowledgedEpoch != view.epoch()) {
            acknowledgedEpoch = view.epoch();
            acknowledgedSince = now;
        }
        final Map<String, Double> raised = new HashMap<>();
        SharePolicy.rates(accountLimits, view, holder).forEach((key, share) -> {
            final double increase = share - applied.get(key);
            if (increase > 0 && now - acknowledgedSince >= SharePolicy.raiseDelayNanos(view.leases().size(), increase)) {
                raised.put(key, share);
            }
        });
        raiseTo(raised);
    }

    private void lowerToCautious() {
        lowerTo(key -> SharePolicy.cautious(accountLimits.get(key), liveNodes));
    }

    // lowers every share above its new value at once, and notes when the slots handed out at the higher rates end
    private void lowerTo(final Function<String, Double> shares) {
        final Map<String, Double> lowered = new HashMap<>();
        applied.forEach((key, rate) -> {
            final double share = shares.apply(key);
            if (share < rate) {
                lowered.put(key, share);
            }
        });
        if (!lowered.isEmpty()) {
            applied.putAll(lowered);
            final long until = limits.apply(lowered);
            if (until - settledAt > 0) {
                settledAt = until;
            }
        }
    }

    private void raiseTo(final Map<String, Double> shares) {
        final Map<String, Double> raised = new HashMap<>();
        shares.forEach((key, share) -> {
            if (share > applied.get(key)) {
                raised.put(key, share);
            }
        });
        if (!raised.isEmpty()) {
            applied.putAll(raised);
            limits.apply(raised);
        }
    }

    /** Gives up this node's lease (after stopping its own sending), so the others take its share at once rather than after the lease time. */
    public void release() throws IOException {
        lowerTo(key -> 0.0);
        if (counted && membership.get() == Membership.CONNECTED) {
            ClusterStateUpdater.update(stateManager, state -> LeaseTable.release(state, holder));
        }
    }

    /** Leases at the last look at the table, this node's included; 0 before the first. */
    public int liveNodes() {
        return liveNodes;
    }

    /** This node's rate per key now, requests per second. */
    public Map<String, Double> rates() {
        return Map.copyOf(applied);
    }
}
