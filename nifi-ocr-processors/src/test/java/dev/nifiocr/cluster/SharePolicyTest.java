package dev.nifiocr.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharePolicyTest {

    private static LeaseTable.View view(final Map<String, Set<String>> demands) {
        final TreeMap<String, LeaseTable.Lease> leases = new TreeMap<>();
        demands.forEach((holder, demand) -> leases.put(holder, new LeaseTable.Lease(holder, 0, 0, demand)));
        return new LeaseTable.View(0, leases);
    }

    @Test
    void nodesWithoutWorkAnywhereSplitEqually() {
        final LeaseTable.View idle = view(Map.of("a", Set.of(), "b", Set.of()));

        assertEquals(2, SharePolicy.rate(4, "*", idle, "a"));
        assertEquals(2, SharePolicy.rate(4, "*", idle, "b"));
        assertEquals(4, SharePolicy.rate(4, "*", view(Map.of("a", Set.of())), "a"));
    }

    @Test
    void onlyTheNodesWithWorkForALimitShareIt() {
        final LeaseTable.View view = view(Map.of("a", Set.of("*"), "b", Set.of("IDCardOCR"), "c", Set.of("*")));

        assertEquals(5, SharePolicy.rate(10, "*", view, "a"));
        assertEquals(0, SharePolicy.rate(10, "*", view, "b"));
        assertEquals(5, SharePolicy.rate(10, "*", view, "c"));
        assertEquals(20, SharePolicy.rate(20, "IDCardOCR", view, "b"));
        assertEquals(Map.of("*", 0.0, "IDCardOCR", 20.0), SharePolicy.rates(Map.of("*", 10.0, "IDCardOCR", 20.0), view, "b"));
    }

    @Test
    void splitsInWholeRequestsPerSecondSoNoSecondHoldsMoreThanTheLimit() {
        final LeaseTable.View three = view(Map.of("a", Set.of(), "b", Set.of(), "c", Set.of()));

        assertEquals(7, SharePolicy.rate(20, "*", three, "a"));
        assertEquals(7, SharePolicy.rate(20, "*", three, "b"));
        assertEquals(6, SharePolicy.rate(20, "*", three, "c"));
        // a limit that is not a whole number: the fraction is left unused
        assertEquals(5, SharePolicy.rate(10.5, "*", view(Map.of("a", Set.of(), "b", Set.of())), "b"));
        assertEquals(10.5, SharePolicy.rate(10.5, "*", view(Map.of("a", Set.of())), "a"));
    }

    @Test
    void aLimitBelowOnePerNodeIsSplitInFractions() {
        final LeaseTable.View three = view(Map.of("a", Set.of(), "b", Set.of(), "c", Set.of()));

        assertEquals(2.0 / 3, SharePolicy.rate(2, "*", three, "c"), 1e-12);
        assertEquals(0.1, SharePolicy.rate(0.2, "*", view(Map.of("a", Set.of(), "b", Set.of())), "a"), 1e-12);
    }

    @Test
    void aNodeWithoutALeaseHasNoShare() {
        assertEquals(0, SharePolicy.rate(20, "*", view(Map.of("a", Set.of())), "z"));
    }

    @Test
    void aDisconnectedNodeLeavesRoomForTheOthersTakingOverItsShare() {
        assertEquals(20.0 / 3, SharePolicy.cautious(20, 2), 1e-12);
        assertEquals(4, SharePolicy.cautious(20, 4), 1e-12);
        assertEquals(10, SharePolicy.cautious(20, 0), 1e-12);
    }

    @Test
    void aShareGrowsOnceTheUnusedCapacityComesToOneRequestPerOtherNode() {
        assertEquals(0, SharePolicy.raiseDelayNanos(1, 4));
        assertEquals(500_000_000L, SharePolicy.raiseDelayNanos(2, 2));
        assertEquals(2_000_000_000L, SharePolicy.raiseDelayNanos(3, 1));
        assertEquals(SharePolicy.LONGEST_RAISE_DELAY.toNanos(), SharePolicy.raiseDelayNanos(2, 0.01));
    }
}
