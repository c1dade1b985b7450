package dev.nifiocr.cluster;

import org.apache.nifi.components.state.StateManager;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Counts the nodes using one controller service: each enabled instance holds a lease in the service's cluster-scoped
 * state and renews it ({@link #tick()} every fraction of a second renews when due, or at once when the node's membership
 * changed); this node's share is 1 / live leases ({@link SharePolicy}). NiFi offers no
 * count of connected nodes (getClusterMembers() is a set of host names that keeps disconnected nodes), hence the leases.
 * <p>
 * Lease expiry is wall-clock time written by each node, so node clocks must agree to well within the lease time.
 * Not thread-safe for renew/release: one thread (the service's) drives it; {@link #fraction()} is safe from any thread.
 */
public final class NodeLeases implements AccountShare {

    private final StateManager stateManager;
    private final Supplier<Membership> membership;
    private final Duration leaseTime;
    private final Duration renewalInterval;
    private final LongSupplier wallClockMillis;
    private final String holder = UUID.randomUUID().toString();
    private final List<DoubleConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile double fraction;
    private volatile int liveNodes;
    private Membership lastMembership;
    private long lastRenewal;

    /**
     * @param renewalInterval how often the lease is renewed, well below {@code leaseTime}
     * @param leaseTime how long a lease lives after its last renewal
     */
    public NodeLeases(final StateManager stateManager, final Supplier<Membership> membership, final Duration renewalInterval,
                      final Duration leaseTime, final LongSupplier wallClockMillis) {
        this.stateManager = stateManager;
        this.membership = membership;
        this.renewalInterval = renewalInterval;
        this.leaseTime = leaseTime;
        this.wallClockMillis = wallClockMillis;
        this.fraction = SharePolicy.fraction(membership.get(), 0, false);
    }

    /**
     * Renews this node's lease and recounts the live ones when connected; otherwise only re-reads the membership.
     * When the state provider fails, the node takes the disconnected share until a renewal succeeds.
     *
     * @throws IOException after the share has been lowered, so the caller can report why
     */
    public void renew() throws IOException {
        final Membership now = membership.get();
        lastMembership = now;
        lastRenewal = wallClockMillis.getAsLong();
        if (now != Membership.CONNECTED) {
            // while disconnected, cluster state is silently local: writing or counting there would be a lie
            update(SharePolicy.fraction(now, liveNodes, false));
            return;
        }
        try {
            final long time = wallClockMillis.getAsLong();
            final Map<String, String> written = ClusterStateUpdater.update(stateManager,
                    state -> LeaseTable.renew(state, holder, time, time + leaseTime.toMillis()));
            final boolean settled = liveNodes > 0;
            liveNodes = LeaseTable.live(written, time);
            update(SharePolicy.fraction(Membership.CONNECTED, liveNodes, settled));
        } catch (final IOException e) {
            update(SharePolicy.fraction(Membership.DISCONNECTED, liveNodes, false));
            throw e;
        }
    }

    /**
     * Renews when the renewal interval has passed or the membership changed since the last renewal: reading the membership
     * costs nothing, so a disconnected node lowers its share, and a reconnected node is counted again, without waiting.
     *
     * @return whether it renewed
     */
    public boolean tick() throws IOException {
        if (membership.get() == lastMembership && wallClockMillis.getAsLong() - lastRenewal < renewalInterval.toMillis()) {
            return false;
        }
        renew();
        return true;
    }

    /** Gives up this node's lease, so the others take its share at their next renewal rather than after the lease time. */
    public void release() throws IOException {
        if (membership.get() == Membership.CONNECTED) {
            ClusterStateUpdater.update(stateManager, state -> LeaseTable.release(state, holder));
        }
    }

    /** Live leases at the last successful renewal, this node's included; 0 before the first. */
    public int liveNodes() {
        return liveNodes;
    }

    @Override
    public double fraction() {
        return fraction;
    }

    @Override
    public void subscribe(final DoubleConsumer listener) {
        listeners.add(listener);
        listener.accept(fraction);
    }

    private void update(final double next) {
        if (next != fraction) {
            fraction = next;
            listeners.forEach(listener -> listener.accept(next));
        }
    }
}
