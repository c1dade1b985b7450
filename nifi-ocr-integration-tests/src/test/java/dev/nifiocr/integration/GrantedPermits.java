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

    private static final Pattern SLOT = Pattern.compile(
            "Rate (permit|send) for \\[(\\w+)] under the \\w+ limit: slot (-?\\d+) ns, released (-?\\d+) ns, interval (\\d+) ns");

    private GrantedPermits() {
    }

    /** Every permit the node's limiters granted (before the processor took its FlowFile), as its nifi-app.log tells, in slot order. */
    static List<Grant> read(final int node, final Path nodeDirectory) throws IOException {
        return read(node, nodeDirectory, "permit");
    }

    /** Every send slot the node's limiters granted (right before a call went on the wire), in slot order. */
    static List<Grant> readSends(final int node, final Path nodeDirectory) throws IOException {
        return read(node, nodeDirectory, "send");
    }

    private static List<Grant> read(final int node, final Path nodeDirectory, final String kind) throws IOException {
        final List<Grant> grants = new ArrayList<>();
        for (final String line : Files.readAllLines(nodeDirectory.resolve("logs/nifi-app.log"), StandardCharsets.UTF_8)) {
            final Matcher slot = SLOT.matcher(line);
            if (slot.find() && slot.group(1).equals(kind)) {
                grants.add(new Grant(node, slot.group(2), Long.parseLong(slot.group(3)), Long.parseLong(slot.group(4)),
                        Long.parseLong(slot.group(5))));
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

    /** The most of these times (nanoseconds) that any half-open window of that length holds. */
    static int mostInWindow(final List<Long> times, final long windowNanos) {
        final long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        int most = 0;
        for (int start = 0, end = 0; start < sorted.length; start++) {
            while (end < sorted.length && sorted[end] < sorted[start] + windowNanos) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }

    /**
     * One window length's figures for a limit: the most permits and send slots any window held (checked against the limit
     * exactly), and the most calls that arrived at the relays in any window, with the bound they are held to there.
     *
     * @param arrivalBound for the fullest window of arrivals: limit × seconds + nodes × ⌈limit × spread⌉, where the spread
     *                     is that of the send-to-arrival delays of the calls in it (they left within seconds + spread)
     * @param violations windows of arrivals over their bound
     */
    record Windows(int seconds, int permits, int sends, int arrivals, double arrivalBound, double spreadSeconds, List<String> violations) {

        static Windows of(final int seconds, final List<Grant> permits, final List<Grant> sends, final List<Sent> sent, final double limit,
                          final int nodes) {
            final long window = seconds * 1_000_000_000L;
            final List<Sent> arrived = sent.stream().sorted(Comparator.comparingLong(pair -> pair.call().nanos())).toList();
            final List<String> violations = new ArrayList<>();
            int most = 0;
            double boundAtMost = limit * seconds;
            double spreadAtMost = 0;
            for (int start = 0, end = 0; start < arrived.size(); start++) {
                while (end < arrived.size() && arrived.get(end).call().nanos() < arrived.get(start).call().nanos() + window) {
                    end++;
                }
                final List<Sent> in = arrived.subList(start, end);
                final double spread = (in.stream().mapToLong(Sent::delayNanos).max().orElse(0) - in.stream().mapToLong(Sent::delayNanos).min().orElse(0)) / 1e9;
                final double bound = limit * seconds + nodes * Math.ceil(limit * spread);
                if (in.size() > bound) {
                    violations.add("%d calls in %d s from %d ns (spread %.3f s, bound %.0f)".formatted(in.size(), seconds, arrived.get(start).call().nanos(), spread, bound));
                }
                if (in.size() > most) {
                    most = in.size();
                    boundAtMost = bound;
                    spreadAtMost = spread;
                }
            }
            return new Windows(seconds, mostInWindow(permits.stream().map(Grant::slotNanos).toList(), window),
                    mostInWindow(sends.stream().map(Grant::slotNanos).toList(), window), most, boundAtMost, spreadAtMost, violations);
        }

        @Override
        public String toString() {
            return "most in any %d s: %d permits, %d sends, %d calls at the relay (bound there %.0f, spread %.3f s)"
                    .formatted(seconds, permits, sends, arrivals, arrivalBound, spreadSeconds);
        }
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
     * Pairs each call with a send slot its node took for its Action before the call arrived, each slot used once, in
     * order: every send slot is taken right before a call goes on the wire, but with several calls in flight a call
     * signed a moment later may arrive first. A slot more than {@code orphanAfter} older than every call left unpaired is
     * one whose call never arrived (its node was killed), and is skipped. Any such pairing serves the window check at the
     * relay: each call in a window is matched to its own slot within the window widened by the pairs' delays.
     *
     * @return the pairs, in arrival order; a call with no slot before it is in {@code unpaired}
     */
    static List<Sent> pairSends(final List<RecordingRelay.Call> calls, final List<Grant> sends, final long orphanAfterNanos,
                                final List<RecordingRelay.Call> unpaired) {
        final List<Sent> sent = new ArrayList<>();
        final List<RecordingRelay.Call> ordered = calls.stream().sorted(Comparator.comparingLong(RecordingRelay.Call::nanos)).toList();
        for (final int node : ordered.stream().mapToInt(RecordingRelay.Call::node).distinct().toArray()) {
            for (final String action : ordered.stream().map(RecordingRelay.Call::action).distinct().toList()) {
                final List<Grant> own = sends.stream().filter(grant -> grant.node() == node && grant.action().equals(action)).toList();
                int next = 0;
                for (final RecordingRelay.Call call : ordered) {
                    if (call.node() != node || !call.action().equals(action)) {
                        continue;
                    }
                    while (next < own.size() && own.get(next).slotNanos() < call.nanos() - orphanAfterNanos) {
                        next++;
                    }
                    if (next < own.size() && own.get(next).slotNanos() <= call.nanos()) {
                        sent.add(new Sent(call, own.get(next++)));
                    } else {
                        unpaired.add(call);
                    }
                }
            }
        }
        sent.sort(Comparator.comparingLong(pair -> pair.call().nanos()));
        return sent;
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
