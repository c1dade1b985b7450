package dev.nifiocr.cluster;

import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.state.MockStateManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Nodes" (NodeLeases, each steering fake limiters) sharing the cluster state of one service (its @Stateful CLUSTER is
 * checked by the mock), on hand-driven clocks: the join, demand, crash, disconnection and release rounds of the protocol.
 */
class NodeLeasesTest {

    private static final Duration RENEWAL = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(12);
    private static final long MILLI = 1_000_000L;

    private final MockStateManager state = new MockStateManager(new StandardTencentCloudClientService());
    private final AtomicLong wall = new AtomicLong(1_000_000);
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    /** A node's limiters as the leases see them: the rates applied, its work, and how long its slots at a higher rate last. */
    private final class Limits implements NodeLimits {
        private final Map<String, Double> account;
        private final Map<String, Double> rates = new HashMap<>();
        private volatile Set<String> demand = Set.of("*");
        private volatile long slotsLastNanos;

        Limits(final Map<String, Double> account) {
            this.account = account;
            account.keySet().forEach(key -> rates.put(key, 0.0));
        }

        @Override
        public Map<String, Double> accountLimits() {
            return account;
        }

        @Override
        public Set<String> demand() {
            return demand;
        }

        @Override
        public long apply(final Map<String, Double> applied) {
            rates.putAll(applied);
            return nanos.get() + slotsLastNanos;
        }

        double rate() {
            return rates.get("*");
        }
    }

    private record Node(NodeLeases leases, Limits limits) {
        void tick() throws IOException {
            leases.tick();
        }

        double rate() {
            return limits.rate();
        }
    }

    private Node node(final AtomicReference<Membership> membership, final double limit) {
        final Limits limits = new Limits(Map.of("*", limit));
        return new Node(new NodeLeases(state, membership::get, limits, RENEWAL, LEASE, wall::get, nanos::get), limits);
    }

    private Node connected(final double limit) {
        return node(new AtomicReference<>(Membership.CONNECTED), limit);
    }

    private void advance(final long millis) {
        wall.addAndGet(millis);
        nanos.addAndGet(millis * MILLI);
    }

    private long leaseCount() throws IOException {
        return state.getState(Scope.CLUSTER).toMap().keySet().stream().filter(key -> key.startsWith("lease.")).count();
    }

    @Test
    void aJoiningNodeStartsAtNothingAndGetsItsShareOnlyAfterTheOtherAcknowledged() throws IOException {
        final Node first = connected(4);
        assertEquals(0, first.rate(), "not counted yet");
        first.tick();
        assertEquals(4, first.rate(), "alone: the whole account at once");

        final Node second = connected(4);
        second.tick();
        assertEquals(0, second.rate(), "the first node still holds the whole account");
        assertEquals(2, second.leases().liveNodes());
        first.tick();
        assertEquals(2, first.rate(), "lowered at once, and acknowledged");
        second.tick();
        assertEquals(0, second.rate(), "acknowledged, but half a second of unused capacity (one request) is due first");
        advance(499);
        second.tick();
        assertEquals(0, second.rate());
        advance(1);
        second.tick();
        assertEquals(2, second.rate());
        first.tick();
        assertEquals(2, first.rate());
    }

    @Test
    void aNodeAcknowledgesOnlyOnceTheSlotsItHandedOutAtItsHigherRateArePast() throws IOException {
        final Node first = connected(4);
        first.tick();
        first.limits().slotsLastNanos = 800 * MILLI;
        final Node second = connected(4);
        second.tick();

        first.tick();
        assertEquals(2, first.rate());
        advance(500);
        first.tick();
        second.tick();
        advance(1000);
        second.tick();
        assertEquals(0, second.rate(), "the first node's slots at 4/s had not ended when it looked");
        advance(300);
        first.tick();
        second.tick();
        advance(500);
        second.tick();
        assertEquals(2, second.rate());
    }

    @Test
    void anIdleNodeGivesItsShareToTheBusyOneAndGetsItBackWithWork() throws IOException {
        final Node busy = connected(10);
        final Node idle = connected(10);
        for (int round = 0; round < 3; round++) {
            busy.tick();
            idle.tick();
            advance(500);
        }
        assertEquals(5, busy.rate());
        assertEquals(5, idle.rate());

        idle.limits().demand = Set.of();
        idle.tick();
        assertEquals(0, idle.rate(), "gives up its share at once");
        busy.tick();
        advance(200);
        busy.tick();
        assertEquals(10, busy.rate(), "one request of unused capacity at 5/s later");

        idle.limits().demand = Set.of("*");
        idle.tick();
        assertEquals(0, idle.rate());
        busy.tick();
        assertEquals(5, busy.rate());
        idle.tick();
        advance(200);
        idle.tick();
        assertEquals(5, idle.rate());
    }

    @Test
    void aNodeThatStopsRenewingIsDroppedWhenItsLeaseExpires() throws IOException {
        final Node survivor = connected(6);
        final Node crashed = connected(6);
        crashed.tick();
        survivor.tick();
        crashed.tick();
        survivor.tick();
        advance(500);
        survivor.tick();
        assertEquals(3, survivor.rate());

        // the crashed node's lease was last written 500 ms ago, and expires 12 s after that
        for (long passed = 1000; passed < LEASE.toMillis(); passed += 500) {
            advance(500);
            survivor.tick();
            assertEquals(3, survivor.rate(), "at " + passed + " ms");
        }
        advance(500);
        survivor.tick();
        assertEquals(6, survivor.rate());
        assertEquals(1, leaseCount());
    }

    @Test
    void aNodeFoundExpiredWhileStillAliveStopsAndJoinsAgain() throws IOException {
        final Node slow = connected(4);
        final Node other = connected(4);
        slow.tick();
        other.tick();
        slow.tick();
        advance(500);
        other.tick();
        assertEquals(2, slow.rate());
        advance(LEASE.toMillis());
        other.tick();
        assertEquals(4, other.rate());

        slow.tick();
        assertEquals(0, slow.rate(), "no longer counted: nothing until the other makes room again");
        other.tick();
        assertEquals(2, other.rate());
        slow.tick();
        advance(500);
        slow.tick();
        assertEquals(2, slow.rate());
    }

    @Test
    void aDisconnectedNodeTakesACautiousShareAndWritesNothing() throws IOException {
        final AtomicReference<Membership> membership = new AtomicReference<>(Membership.CONNECTED);
        final Node node = node(membership, 6);
        final Node other = connected(6);
        other.tick();
        node.tick();
        other.tick();
        node.tick();
        advance(500);
        node.tick();
        assertEquals(3, node.rate());
        final StateMap before = state.getState(Scope.CLUSTER);

        membership.set(Membership.DISCONNECTED);
        advance(3000);
        node.tick();
        assertEquals(2, node.rate(), "1 / (2 + 1) of the account");
        assertEquals(before.getStateVersion(), state.getState(Scope.CLUSTER).getStateVersion());

        membership.set(Membership.CONNECTED);
        node.tick();
        assertEquals(3, node.rate(), "its lease is still live and nothing changed meanwhile: back to its share");
    }

    @Test
    void ticksReadTheTableAndWriteOnlyWhenTheRenewalIsDueOrSomethingChanged() throws IOException {
        final Node node = connected(4);
        node.tick();
        final long written = state.getState(Scope.CLUSTER).getStateVersion().orElseThrow().length();
        final String version = state.getState(Scope.CLUSTER).getStateVersion().orElseThrow();
        for (int round = 0; round < 5; round++) {
            advance(500);
            node.tick();
        }
        assertEquals(version, state.getState(Scope.CLUSTER).getStateVersion().orElseThrow(), "nothing to write for 2.5 s");
        assertTrue(written > 0);
        advance(500);
        node.tick();
        assertTrue(!version.equals(state.getState(Scope.CLUSTER).getStateVersion().orElseThrow()), "renewed after 3 s");

        final String renewed = state.getState(Scope.CLUSTER).getStateVersion().orElseThrow();
        node.limits().demand = Set.of();
        node.tick();
        assertTrue(!renewed.equals(state.getState(Scope.CLUSTER).getStateVersion().orElseThrow()), "its work changed: written at once");
        assertEquals("", LeaseTable.view(state.getState(Scope.CLUSTER).toMap()).leases().values().iterator().next().demand().stream()
                .findFirst().orElse(""));
    }

    @Test
    void standaloneTakesTheWholeAccountWithoutTouchingState() throws IOException {
        final Node node = node(new AtomicReference<>(Membership.STANDALONE), 20);
        node.tick();
        assertEquals(20, node.rate());
        node.leases().release();

        assertEquals(0, node.rate(), "stopped");
        state.assertStateNotSet(Scope.CLUSTER);
    }

    @Test
    void aFailingStateProviderLowersTheShareAndSaysSo() throws IOException {
        final Node node = connected(4);
        node.tick();
        assertEquals(4, node.rate());

        state.setFailOnStateGet(Scope.CLUSTER, true);
        assertThrows(IOException.class, node::tick);
        assertEquals(2, node.rate());
    }

    @Test
    void aReleasedShareGoesToTheOthersAtOnce() throws IOException {
        final Node staying = connected(4);
        final Node leaving = connected(4);
        staying.tick();
        leaving.tick();
        staying.tick();
        advance(500);
        leaving.tick();
        assertEquals(2, staying.rate());

        leaving.leases().release();
        assertEquals(0, leaving.rate());
        assertEquals(1, leaseCount());
        staying.tick();
        assertEquals(4, staying.rate(), "alone: no one else to wait for");
    }

    @Test
    void updaterRetriesWhenAnotherNodeWroteInBetween() throws IOException {
        final AtomicBoolean interfered = new AtomicBoolean();
        final Map<String, String> written = ClusterStateUpdater.update(state, current -> {
            if (!interfered.getAndSet(true)) {
                try {
                    state.setState(Map.of("lease.other", "99999999999;0;"), Scope.CLUSTER);
                } catch (final IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            final Map<String, String> next = new HashMap<>(current);
            next.put("me", "10");
            return next;
        });

        assertEquals(Map.of("lease.other", "99999999999;0;", "me", "10"), written);
        assertEquals(written, state.getState(Scope.CLUSTER).toMap());
    }

    @Test
    void updaterGivesUpUnderEndlessContention() {
        final IOException e = assertThrows(IOException.class, () -> ClusterStateUpdater.update(state, current -> {
            try {
                state.setState(Map.of("lease.other", Long.toString(System.nanoTime())), Scope.CLUSTER);
            } catch (final IOException ioe) {
                throw new IllegalStateException(ioe);
            }
            return Map.of("lease.me", "1");
        }));
        assertTrue(e.getMessage().contains("8 attempts"));
    }
}
