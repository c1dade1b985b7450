package dev.nifiocr.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * What the nodes' rate limiters decided, read from the DEBUG line the client service's limits log for every permit they
 * grant (the cluster rig raises that logger to DEBUG), and each call the relay saw paired with the permit it was sent on.
 * Slots, wake-ups and the relay's arrivals are all {@link System#nanoTime()}: on Linux the host's monotonic clock, the same
 * in every process on the machine.
 */
final class GrantedPermits {

    /** One permit: the node, the Action asked for, the slot the limiter gave, when the caller woke, the interval in force. */
    record Grant(int node, String action, long slotNanos, long releasedNanos, long intervalNanos) {
    }

    /** A call at the relay and the permit it went out on: how long after its slot the call arrived. */
    record Sent(RecordingRelay.Call call, Grant grant) {

        long delayNanos() {
            return call.nanos() - grant.slotNanos();
        }
    }

    /**
     * The figures of one limit: its permits and the calls sent on them, with how long after its slot each call arrived.
     * The arrival span is shorter than the permits' span by the difference between the first and the last call's delay.
     */
    record Rates(String what, int permits, double permitSeconds, int calls, double arrivalSeconds, long minDelayNanos,
                 long medianDelayNanos, long maxDelayNanos, long maxWakeNanos) {

        static Rates of(final String what, final List<Grant> grants, final List<Sent> sent) {
            final long[] delays = sent.stream().mapToLong(Sent::delayNanos).sorted().toArray();
            return new Rates(what, grants.size(), seconds(grants.stream().mapToLong(Grant::slotNanos).toArray()), sent.size(),
                    seconds(sent.stream().mapToLong(pair -> pair.call().nanos()).toArray()), delays.length == 0 ? 0 : delays[0],
                    delays.length == 0 ? 0 : delays[delays.length / 2], delays.length == 0 ? 0 : delays[delays.length - 1],
                    grants.stream().mapToLong(grant -> grant.releasedNanos() - grant.slotNanos()).max().orElse(0));
        }

        /** The arrival check's margin: how much more one call took than another from its permit to the relay, measured in this run. */
        double spreadSeconds() {
            return (maxDelayNanos - minDelayNanos) / 1e9;
        }

        @Override
        public String toString() {
            return "%s: %d permits in %.3f s, %d calls in %.3f s at the relay; permit to arrival %.1f / %.1f / %.1f ms (min / median / max), spread %.3f s; wake-up after slot at most %.1f ms"
                    .formatted(what, permits, permitSeconds, calls, arrivalSeconds, minDelayNanos / 1e6, medianDelayNanos / 1e6,
                            maxDelayNanos / 1e6, spreadSeconds(), maxWakeNanos / 1e6);
        }

        private static double seconds(final long[] times) {
            final long first = LongStream.of(times).min().orElse(0);
            final long last = LongStream.of(times).max().orElse(0);
            return Math.max(1e-3, (last - first) / 1e9);
        }
    }

    private static final Pattern PERMIT = Pattern.compile(
            "Rate permit for \\[(\\w+)] under the \\w+ limit: slot (-?\\d+) ns, released (-?\\d+) ns, interval (\\d+) ns");

    private GrantedPermits() {
    }

    /** Every permit the node's limiters granted, as its nifi-app.log tells, in slot order. */
    static List<Grant> read(final int node, final Path nodeDirectory) throws IOException {
        final List<Grant> grants = new ArrayList<>();
        for (final String line : Files.readAllLines(nodeDirectory.resolve("logs/nifi-app.log"), StandardCharsets.UTF_8)) {
            final Matcher permit = PERMIT.matcher(line);
            if (permit.find()) {
                grants.add(new Grant(node, permit.group(1), Long.parseLong(permit.group(2)), Long.parseLong(permit.group(3)),
                        Long.parseLong(permit.group(4))));
            }
        }
        grants.sort(Comparator.comparingLong(Grant::slotNanos));
        return grants;
    }

    /**
     * Calls of the Action that reached the relay more than one permit interval (at {@code limit} per second) after their
     * permit: each may land among later calls, so the busiest second at the relay may hold that many more than the limit.
     */
    static long late(final List<Sent> sent, final String action, final double limit) {
        return sent.stream().filter(pair -> pair.call().action().equals(action) && pair.delayNanos() > 1e9 / limit).count();
    }

    /** Permits of one node's limiter closer to the one before than the interval in force when that one was taken: a burst. */
    static List<String> tooClose(final List<Grant> grants) {
        final List<String> bursts = new ArrayList<>();
        final Map<String, Grant> previous = new HashMap<>();
        for (final Grant grant : grants) {
            final Grant before = previous.put(grant.node() + " " + grant.action(), grant);
            if (before != null && grant.slotNanos() - before.slotNanos() < before.intervalNanos()) {
                bursts.add("node %d %s: %d ns after the permit before, interval %d ns".formatted(grant.node(), grant.action(),
                        grant.slotNanos() - before.slotNanos(), before.intervalNanos()));
            }
        }
        return bursts;
    }

    /** Writes every permit and the call sent on it (nanoseconds), for a look at a run afterwards. */
    static void write(final Path file, final List<Grant> grants, final List<Sent> sent) throws IOException {
        final Map<Grant, RecordingRelay.Call> calls = new HashMap<>();
        sent.forEach(pair -> calls.put(pair.grant(), pair.call()));
        final StringBuilder text = new StringBuilder("node,action,slot,released,interval,arrival\n");
        for (final Grant grant : grants) {
            final RecordingRelay.Call call = calls.get(grant);
            text.append("%d,%s,%d,%d,%d,%s%n".formatted(grant.node(), grant.action(), grant.slotNanos(), grant.releasedNanos(),
                    grant.intervalNanos(), call == null ? "" : Long.toString(call.nanos())));
        }
        Files.writeString(file, text);
    }

    /**
     * Pairs each call, in arrival order, with the earliest permit its node granted for its Action before the call arrived
     * and no earlier call used. A task keeps calls in flight (Maximum Calls in Flight), so it takes its next permit without
     * waiting for the answer before, and the calls reach the relay out of the permits' order (a call on a new connection
     * arrives later than the next one on a warm connection); earliest-first finds a permit for every call whenever each
     * came after its own. A permit taken when the queue turned out empty sends nothing; later calls then pair one permit
     * early, which only widens the measured spread.
     *
     * @return the pairs, in arrival order; a call with no permit before it is in {@code unpaired}
     */
    static List<Sent> pair(final List<RecordingRelay.Call> calls, final List<Grant> grants, final List<RecordingRelay.Call> unpaired) {
        final List<Sent> sent = new ArrayList<>();
        final List<RecordingRelay.Call> ordered = calls.stream().sorted(Comparator.comparingLong(RecordingRelay.Call::nanos)).toList();
        for (final int node : ordered.stream().mapToInt(RecordingRelay.Call::node).distinct().toArray()) {
            for (final String action : ordered.stream().map(RecordingRelay.Call::action).distinct().toList()) {
                final List<Grant> own = grants.stream().filter(grant -> grant.node() == node && grant.action().equals(action)).toList();
                int next = 0;
                final Deque<Grant> unused = new ArrayDeque<>();
                for (final RecordingRelay.Call call : ordered) {
                    if (call.node() != node || !call.action().equals(action)) {
                        continue;
                    }
                    while (next < own.size() && own.get(next).slotNanos() <= call.nanos()) {
                        unused.addLast(own.get(next++));
                    }
                    if (unused.isEmpty()) {
                        unpaired.add(call);
                    } else {
                        sent.add(new Sent(call, unused.pollFirst()));
                    }
                }
            }
        }
        sent.sort(Comparator.comparingLong(pair -> pair.call().nanos()));
        return sent;
    }
}
