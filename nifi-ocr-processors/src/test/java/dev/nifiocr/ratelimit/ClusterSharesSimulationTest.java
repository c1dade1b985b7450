package dev.nifiocr.ratelimit;

import dev.nifiocr.cluster.Membership;
import dev.nifiocr.cluster.NodeLeases;
import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.state.MockStateManager;
import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes of a cluster, each with its own limiters ({@link AccountRateLimits}) steered by its {@link NodeLeases}, sharing
 * one service's cluster state, on one hand-driven clock: processors with several tasks take a permit, warm up (sometimes
 * for seconds, like a first call), take their send slot and wait for the answer; nodes join, crash, run out of work and
 * get it back. Every permit and every send slot of the whole cluster is then counted in every 1 s and 5 s window: never
 * more than the account's limit. The settings are the service's (lease renewal 3 s, lease 12 s, a round every 0.5 s, work
 * forgotten after 3 s without asking).
 */
class ClusterSharesSimulationTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final Duration RENEWAL = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(12);
    private static final long ROUND = 500 * MS;
    private static final Duration DEMAND_WINDOW = Duration.ofSeconds(3);
    private static final Duration PERMIT_WAIT = Duration.ofSeconds(1);
    private static final long LATENCY = 300 * MS;
    private static final String ACTION = "RecognizeTableAccurateOCR";

    /** One simulated cluster: its state, nodes, clock and every slot given. */
    private static final class Cluster {
        private final MockStateManager state = new MockStateManager(new StandardTencentCloudClientService());
        private final List<Node> nodes = new ArrayList<>();
        private final Random random;
        private long now = 1_000 * SECOND;

        Cluster(final Random random) {
            this.random = random;
        }

        /** A slot some node's limiter gave: which node, which limit, when, and the spacing it put after it. */
        private record Slot(int node, String key, boolean send, long nanos, long intervalNanos) {
        }

        private final List<Slot> slots = new ArrayList<>();
        private record Event(long at, String what) {
        }
        private final List<Event> events = new ArrayList<>();

        final class Node {
            private final int id;
            private final AccountRateLimits limits;
            private final NodeLeases leases;
            private final long roundPhase;
            private final List<Task> tasks = new ArrayList<>();
            private final Map<String, Boolean> work = new HashMap<>();
            private boolean alive = true;
            private long nextRound;

            Node(final int id, final double accountLimit, final double actionLimit, final int tasksPerKey) {
                this.id = id;
                limits = new AccountRateLimits(accountLimit, Map.of(ACTION, actionLimit), new MockComponentLog("node " + id, this), () -> now);
                limits.applyShare(0);
                leases = new NodeLeases(state, () -> Membership.CONNECTED, limits.steered(DEMAND_WINDOW), RENEWAL, LEASE, () -> 1_700_000_000_000L + now / MS, () -> now);
                roundPhase = random.nextLong(ROUND);
                nextRound = now + roundPhase;
                for (final String key : List.of(AccountRateLimits.SHARED, ACTION)) {
                    work.put(key, true);
                    for (int i = 0; i < tasksPerKey; i++) {
                        tasks.add(new Task(this, key.equals(ACTION) ? ACTION : "GeneralBasicOCR"));
                    }
                }
            }

            void step() {
                if (!alive) {
                    return;
                }
                if (now >= nextRound) {
                    try {
                        final Map<String, Double> before = leases.rates();
                        leases.tick();
                        if (!before.equals(leases.rates())) {
                            events.add(new Event(now, "node %d rates %s".formatted(id, leases.rates())));
                        }
                    } catch (final IOException e) {
                        throw new IllegalStateException(e);
                    }
                    nextRound += ROUND;
                }
                tasks.forEach(Task::step);
            }

            double rate(final String key) {
                return limits.nodeRate(key.equals(ACTION) ? ACTION : null);
            }
        }

        /** One concurrent task of a processor: permit, warm-up, send slot, answer, again; a refused permit yields 1 s. */
        private final class Task {
            private final Node node;
            private final String action;
            private long readyAt;
            private boolean sending;

            Task(final Node node, final String action) {
                this.node = node;
                this.action = action;
            }

            void step() {
                if (now < readyAt || !sending && !node.work.get(node.limits.key(action))) {
                    return;
                }
                final boolean paused = node.limits.nodeRate(action) == 0;
                if (!sending) {
                    final Optional<RateLimiter.Permit> permit = node.limits.reserve(action, paused ? Duration.ZERO : PERMIT_WAIT, false);
                    if (permit.isEmpty()) {
                        readyAt = now + SECOND;
                        return;
                    }
                    record(permit.get(), false);
                    // the way from permit to wire: mostly a few ms, now and then a first call's seconds
                    sending = true;
                    readyAt = permit.get().slotNanos() + (random.nextInt(20) == 0 ? random.nextLong(2 * SECOND) : random.nextLong(30 * MS));
                    return;
                }
                if (paused) {
                    node.limits.reserve(action, Duration.ZERO, true); // waits, and says so
                    return;
                }
                final RateLimiter.Permit send = node.limits.reserve(action, Duration.ofSeconds(30), true).orElseThrow();
                record(send, true);
                sending = false;
                readyAt = send.slotNanos() + LATENCY;
            }

            private void record(final RateLimiter.Permit permit, final boolean send) {
                slots.add(new Slot(node.id, node.limits.key(action), send, permit.slotNanos(), permit.intervalNanos()));
            }
        }

        Node join(final double accountLimit, final double actionLimit, final int tasksPerKey) {
            final Node node = new Node(nodes.size() + 1, accountLimit, actionLimit, tasksPerKey);
            nodes.add(node);
            return node;
        }

        private void run(final long nanos) {
            final long until = now + nanos;
            while (now < until) {
                nodes.forEach(Node::step);
                now += MS;
            }
        }

        /** Runs until the node's rate for the key reaches at least the rate; returns how long that took. */
        private long runUntil(final Node node, final String key, final double rate, final long limit) {
            final long start = now;
            while (node.rate(key) < rate) {
                assertTrue(now - start < limit, "node %d did not reach %s/s for %s within %d ms (at %s)".formatted(node.id, rate, key, limit / MS, node.rate(key)));
                run(MS);
            }
            return now - start;
        }

        private void randomRun(final int seed) {
            final double accountLimit = List.of(3.0, 4.0, 10.0, 20.0).get(random.nextInt(4));
            final double actionLimit = List.of(3.0, 5.0).get(random.nextInt(2));
            join(accountLimit, actionLimit, 1 + random.nextInt(4));
            for (int event = 0; event < 40; event++) {
                run(random.nextLong(200 * MS, 6 * SECOND));
                final List<Node> alive = nodes.stream().filter(node -> node.alive).toList();
                final int what = random.nextInt(10);
                if (what == 0 && alive.size() < 3) {
                    join(accountLimit, actionLimit, 1 + random.nextInt(4));
                } else if (what == 1 && alive.size() > 1) {
                    alive.get(random.nextInt(alive.size())).alive = false;
                } else {
                    final Node node = alive.get(random.nextInt(alive.size()));
                    final String key = random.nextBoolean() ? AccountRateLimits.SHARED : ACTION;
                    node.work.put(key, !node.work.get(key));
                }
            }
            run(20 * SECOND);
            assertTrue(slots.size() > 100, "seed " + seed + ": " + slots.size() + " slots");
            assertWithinLimits(Map.of(AccountRateLimits.SHARED, accountLimit, ACTION, actionLimit));
        }

        private long firstSlot(final int node, final long after) {
            return slots.stream().filter(slot -> slot.node() == node && slot.nanos() >= after).mapToLong(Slot::nanos).min().orElse(Long.MAX_VALUE);
        }

        /**
         * Over the whole cluster, for each limit: no 1 s or 5 s window holds more permits, or more send slots, than the
         * account's limit allows; and no node's limiter spaced two slots closer than the interval in force at the first.
         */
        private void assertWithinLimits(final Map<String, Double> accountLimits) {
            accountLimits.forEach((key, limit) -> {
                for (final boolean send : List.of(false, true)) {
                    final List<Slot> taken = slots.stream().filter(slot -> slot.key().equals(key) && slot.send() == send).toList();
                    assertTrue(taken.size() > 10, key + " " + taken.size());
                    for (final int window : List.of(1, 5)) {
                        final long[] times = taken.stream().mapToLong(Slot::nanos).sorted().toArray();
                        final int most = mostInWindow(times, window * SECOND);
                        if (most > Math.floor(limit * window + 1e-9)) {
                            final long start = windowStart(times, window * SECOND, most);
                            slots.stream().filter(slot -> slot.key().equals(key) && slot.nanos() >= start - 3 * SECOND && slot.nanos() < start + window * SECOND + SECOND)
                                    .sorted((a, b) -> Long.compare(a.nanos(), b.nanos()))
                                    .forEach(slot -> System.out.printf("%s %s %d %.3f %d%n", slot.nanos() >= start && slot.nanos() < start + window * SECOND ? "*" : " ",
                                            slot.send() ? "send  " : "permit", slot.node(), (slot.nanos() - start) / 1e9, slot.intervalNanos() / MS));
                            events.stream().filter(event -> event.at() >= start - 8 * SECOND && event.at() < start + window * SECOND + SECOND)
                                    .forEach(event -> System.out.printf("%.3f %s%n", (event.at() - start) / 1e9, event.what()));
                        }
                        assertTrue(most <= Math.floor(limit * window + 1e-9), "%s %s: %d in %d s (limit %s/s)".formatted(key, send ? "sends" : "permits", most, window, limit));
                    }
                    final Map<Integer, Slot> previous = new HashMap<>();
                    taken.stream().sorted((a, b) -> Long.compare(a.nanos(), b.nanos())).forEach(slot -> {
                        final Slot before = previous.put(slot.node(), slot);
                        assertTrue(before == null || slot.nanos() - before.nanos() >= before.intervalNanos(), "too close: " + before + " " + slot);
                    });
                }
            });
        }

        private static long windowStart(final long[] times, final long window, final int count) {
            for (int start = 0, end = 0; start < times.length; start++) {
                while (end < times.length && times[end] < times[start] + window) {
                    end++;
                }
                if (end - start == count) {
                    return times[start];
                }
            }
            return 0;
        }

        private static int mostInWindow(final long[] times, final long window) {
            int most = 0;
            for (int start = 0, end = 0; start < times.length; start++) {
                while (end < times.length && times[end] < times[start] + window) {
                    end++;
                }
                most = Math.max(most, end - start);
            }
            return most;
        }
    }

    @Test
    void aJoiningNodeGetsItsShareOnlyAfterTheOtherGaveItUp() {
        final Cluster cluster = new Cluster(new Random(28));
        final Cluster.Node first = cluster.join(4, 2, 4);
        cluster.run(10 * SECOND);
        assertEquals(4, first.rate(AccountRateLimits.SHARED));
        assertEquals(2, first.rate(ACTION));

        final long joined = cluster.now;
        final Cluster.Node second = cluster.join(4, 2, 4);
        assertEquals(0, second.rate(AccountRateLimits.SHARED));
        final long took = cluster.runUntil(second, AccountRateLimits.SHARED, 2, 5 * SECOND);
        assertEquals(2, first.rate(AccountRateLimits.SHARED));
        assertEquals(1, first.rate(ACTION));
        cluster.run(20 * SECOND);
        assertEquals(1, second.rate(ACTION));
        assertTrue(cluster.firstSlot(second.id, joined) - joined >= took / 2, "the joining node sent before it had its share");
        cluster.assertWithinLimits(Map.of(AccountRateLimits.SHARED, 4.0, ACTION, 2.0));
    }

    @Test
    void anIdleNodesShareGoesToTheBusyOneAndComesBackWithWork() {
        final Cluster cluster = new Cluster(new Random(28));
        final Cluster.Node first = cluster.join(10, 2, 4);
        final Cluster.Node second = cluster.join(10, 2, 4);
        cluster.run(15 * SECOND);
        assertEquals(5, first.rate(AccountRateLimits.SHARED));
        assertEquals(5, second.rate(AccountRateLimits.SHARED));

        first.work.put(AccountRateLimits.SHARED, false);
        final long moved = cluster.runUntil(second, AccountRateLimits.SHARED, 10, 6 * SECOND);
        assertTrue(moved > DEMAND_WINDOW.toNanos(), "gave up its share before the demand window: " + moved / MS + " ms");
        assertEquals(0, first.rate(AccountRateLimits.SHARED));
        assertEquals(1, first.rate(ACTION), "the Action with its own limit still has work on both nodes");
        cluster.run(10 * SECOND);

        first.work.put(AccountRateLimits.SHARED, true);
        cluster.runUntil(first, AccountRateLimits.SHARED, 5, 5 * SECOND);
        cluster.run(10 * SECOND);
        assertEquals(5, second.rate(AccountRateLimits.SHARED));
        cluster.assertWithinLimits(Map.of(AccountRateLimits.SHARED, 10.0, ACTION, 2.0));
    }

    @Test
    void aCrashedNodesShareIsTakenOverWhenItsLeaseExpiresAndItsReplacementJoins() {
        final Cluster cluster = new Cluster(new Random(28));
        final Cluster.Node survivor = cluster.join(4, 2, 2);
        final Cluster.Node crashed = cluster.join(4, 2, 2);
        cluster.run(15 * SECOND);
        crashed.alive = false;
        final long takeover = cluster.runUntil(survivor, AccountRateLimits.SHARED, 4, LEASE.toNanos() + SECOND);
        assertTrue(takeover > LEASE.toNanos() - RENEWAL.toNanos(), "took over before the lease could expire: " + takeover / MS + " ms");

        final Cluster.Node restarted = cluster.join(4, 2, 2);
        cluster.runUntil(restarted, AccountRateLimits.SHARED, 2, 5 * SECOND);
        cluster.run(10 * SECOND);
        assertEquals(2, survivor.rate(AccountRateLimits.SHARED));
        cluster.assertWithinLimits(Map.of(AccountRateLimits.SHARED, 4.0, ACTION, 2.0));
    }

    @Test
    void randomJoinsCrashesAndShiftsOfWorkNeverExceedTheAccount() {
        for (int seed = 0; seed < Integer.getInteger("sim.seeds", 12); seed++) {
            new Cluster(new Random(seed)).randomRun(seed);
        }
    }

}
