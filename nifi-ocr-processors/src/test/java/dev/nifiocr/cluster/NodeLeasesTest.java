package dev.nifiocr.cluster;

import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateMap;
import org.apache.nifi.state.MockStateManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two "nodes" (NodeLeases) sharing the cluster state of one service (its @Stateful CLUSTER is checked by the mock), on a hand-driven clock. */
class NodeLeasesTest {

    private static final Duration RENEWAL = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(12);

    private final MockStateManager state = new MockStateManager(new StandardTencentCloudClientService());
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private NodeLeases node(final AtomicReference<Membership> membership) {
        return new NodeLeases(state, membership::get, RENEWAL, LEASE, clock::get);
    }

    @Test
    void nodesSplitTheAccountAndRecountWhenOneJoinsOrLeaves() throws IOException {
        final AtomicReference<Membership> connected = new AtomicReference<>(Membership.CONNECTED);
        final NodeLeases first = node(connected);
        final NodeLeases second = node(connected);

        first.renew();
        // the first count leaves room for a node enabling at the same moment
        assertEquals(0.5, first.fraction());
        first.renew();
        assertEquals(1.0, first.fraction());
        second.renew();
        assertEquals(1.0 / 3, second.fraction());
        // the first node learns of the second at its next renewal
        assertEquals(1.0, first.fraction());
        first.renew();
        second.renew();
        assertEquals(0.5, first.fraction());
        assertEquals(0.5, second.fraction());

        second.release();
        first.renew();
        assertEquals(1.0, first.fraction());
    }

    @Test
    void aNodeThatStopsRenewingIsDroppedWhenItsLeaseExpires() throws IOException {
        final AtomicReference<Membership> connected = new AtomicReference<>(Membership.CONNECTED);
        final NodeLeases survivor = node(connected);
        final NodeLeases crashed = node(connected);
        crashed.renew();
        survivor.renew();
        survivor.renew();
        assertEquals(0.5, survivor.fraction());

        clock.addAndGet(LEASE.toMillis() - 1);
        survivor.renew();
        assertEquals(0.5, survivor.fraction());
        clock.addAndGet(1);
        survivor.renew();
        assertEquals(1.0, survivor.fraction());
        assertEquals(1, state.getState(Scope.CLUSTER).toMap().size());
    }

    @Test
    void aDisconnectedNodeTakesACautiousShareAndWritesNothing() throws IOException {
        final AtomicReference<Membership> membership = new AtomicReference<>(Membership.CONNECTED);
        final NodeLeases node = node(membership);
        node(new AtomicReference<>(Membership.CONNECTED)).renew();
        node.renew();
        node.renew();
        assertEquals(0.5, node.fraction());
        final StateMap before = state.getState(Scope.CLUSTER);

        membership.set(Membership.DISCONNECTED);
        clock.addAndGet(3_000);
        node.renew();

        assertEquals(1.0 / 3, node.fraction());
        assertEquals(before.getStateVersion(), state.getState(Scope.CLUSTER).getStateVersion());

        membership.set(Membership.CONNECTED);
        node.renew();
        assertEquals(0.5, node.fraction());
    }

    @Test
    void ticksRenewWhenDueOrAtOnceWhenTheMembershipChanges() throws IOException {
        final AtomicReference<Membership> membership = new AtomicReference<>(Membership.CONNECTED);
        final NodeLeases node = node(membership);

        assertTrue(node.tick());
        clock.addAndGet(RENEWAL.toMillis() - 1);
        assertFalse(node.tick());
        assertEquals(1, state.getRetrievalCount(Scope.CLUSTER));
        clock.addAndGet(1);
        assertTrue(node.tick());
        assertEquals(2, state.getRetrievalCount(Scope.CLUSTER));

        membership.set(Membership.DISCONNECTED);
        assertTrue(node.tick());
        assertEquals(0.5, node.fraction());
        assertFalse(node.tick());
        membership.set(Membership.CONNECTED);
        assertTrue(node.tick());
        assertEquals(1.0, node.fraction());
        assertEquals(3, state.getRetrievalCount(Scope.CLUSTER));
    }

    @Test
    void standaloneTakesTheWholeAccountWithoutTouchingState() throws IOException {
        final NodeLeases node = node(new AtomicReference<>(Membership.STANDALONE));
        node.renew();
        node.release();

        assertEquals(1.0, node.fraction());
        state.assertStateNotSet(Scope.CLUSTER);
    }

    @Test
    void aFailingStateProviderLowersTheShareAndSaysSo() throws IOException {
        final NodeLeases node = node(new AtomicReference<>(Membership.CONNECTED));
        node.renew();
        node.renew();
        assertEquals(1.0, node.fraction());

        state.setFailOnStateGet(Scope.CLUSTER, true);
        assertThrows(IOException.class, node::renew);
        assertEquals(0.5, node.fraction());
    }

    @Test
    void subscribersHearTheShareNowAndOnEveryChange() throws IOException {
        final AtomicReference<Membership> connected = new AtomicReference<>(Membership.CONNECTED);
        final NodeLeases node = node(connected);
        final List<Double> heard = new ArrayList<>();
        node.subscribe(heard::add);

        node.renew();
        node.renew();
        node(connected).renew();
        node.renew();
        node.renew();

        assertEquals(List.of(0.5, 1.0, 0.5), heard);
        assertEquals(10.0, node.of(20));
    }

    @Test
    void updaterRetriesWhenAnotherNodeWroteInBetween() throws IOException {
        final AtomicReference<Boolean> interfered = new AtomicReference<>(false);
        final Map<String, String> written = ClusterStateUpdater.update(state, current -> {
            if (!interfered.getAndSet(true)) {
                try {
                    state.setState(Map.of("lease.other", "99999999999"), Scope.CLUSTER);
                } catch (final IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return LeaseTable.renew(current, "me", 0, 10);
        });

        assertEquals(Map.of("lease.other", "99999999999", "lease.me", "10"), written);
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
