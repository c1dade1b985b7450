package dev.nifiocr.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseTableTest {

    @Test
    void renewAddsTheHolderDropsExpiredLeasesOnlyAndCountsANewEpoch() {
        final Map<String, String> state = Map.of("lease.a", "1000;0;*", "lease.b", "2000;0;", "jobs.used", "3");

        final Map<String, String> next = LeaseTable.renew(state, "c", 1500, 5000, Set.of("*"), view -> true);

        assertEquals(Map.of("lease.b", "2000;0;", "lease.c", "5000;1;*", "jobs.used", "3", "leases.epoch", "1"), next);
        final LeaseTable.View view = LeaseTable.view(next);
        assertEquals(Set.of("b", "c"), view.leases().keySet());
        assertFalse(view.allAcknowledged(), "b has not acknowledged epoch 1");
        assertFalse(view.needsCleanup(next, 1500));
        assertTrue(view.needsCleanup(next, 2000));
    }

    @Test
    void renewingWithTheSameDemandKeepsTheEpochAndOneLeasePerHolder() {
        final Map<String, String> once = LeaseTable.renew(Map.of(), "a", 0, 100, Set.of("*"), view -> true);
        final Map<String, String> twice = LeaseTable.renew(once, "a", 50, 150, Set.of("*"), view -> true);

        assertEquals(Map.of("lease.a", "150;1;*", "leases.epoch", "1"), twice);
        assertTrue(LeaseTable.view(twice).allAcknowledged());
    }

    @Test
    void aChangeOfDemandIsANewEpoch() {
        final Map<String, String> busy = LeaseTable.renew(Map.of(), "a", 0, 100, Set.of("*", "IDCardOCR"), view -> true);
        final Map<String, String> idle = LeaseTable.renew(busy, "a", 10, 110, Set.of("IDCardOCR"), view -> true);

        assertEquals("110;2;IDCardOCR", idle.get("lease.a"));
        assertEquals(Set.of("IDCardOCR"), LeaseTable.view(idle).leases().get("a").demand());
    }

    @Test
    void aHolderThatMayNotAcknowledgeKeepsTheEpochItHad() {
        final Map<String, String> state = new HashMap<>(LeaseTable.renew(Map.of(), "a", 0, 100, Set.of(), view -> true));

        final Map<String, String> next = LeaseTable.renew(state, "b", 0, 100, Set.of(), view -> view.epoch() == 2);
        final Map<String, String> lowered = LeaseTable.renew(next, "a", 10, 110, Set.of(), view -> false);

        assertEquals("100;2;", next.get("lease.b"));
        assertEquals("110;1;", lowered.get("lease.a"));
        assertFalse(LeaseTable.view(lowered).allAcknowledged());
        assertTrue(LeaseTable.view(LeaseTable.renew(lowered, "a", 20, 120, Set.of(), view -> true)).allAcknowledged());
    }

    @Test
    void unreadableLeasesCountAsExpiredAndAreCleanedUp() {
        // "soon", and the expiry alone that leases held before they carried an epoch and a demand
        final Map<String, String> state = Map.of("lease.x", "soon", "lease.y", "99999999999");

        assertEquals(0, LeaseTable.view(state).leases().size());
        assertTrue(LeaseTable.view(state).needsCleanup(state, 0));
        assertEquals(Map.of("lease.a", "10;1;", "leases.epoch", "1"), LeaseTable.renew(state, "a", 0, 10, Set.of(), view -> true));
    }

    @Test
    void releaseRemovesOnlyTheHolderAndCountsANewEpoch() {
        final Map<String, String> state = Map.of("lease.a", "9;4;", "lease.b", "9;4;", "leases.epoch", "4");

        assertEquals(Map.of("lease.b", "9;4;", "leases.epoch", "5"), LeaseTable.release(state, "a"));
        assertEquals(Map.of(), LeaseTable.release(Map.of(), "a"));
    }
}
