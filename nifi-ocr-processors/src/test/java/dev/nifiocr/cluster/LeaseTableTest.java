package dev.nifiocr.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaseTableTest {

    @Test
    void renewAddsTheHolderAndDropsExpiredLeasesOnly() {
        final Map<String, String> state = Map.of("lease.a", "1000", "lease.b", "2000", "jobs.used", "3");

        final Map<String, String> next = LeaseTable.renew(state, "c", 1500, 5000);

        assertEquals(Map.of("lease.b", "2000", "lease.c", "5000", "jobs.used", "3"), next);
        assertEquals(2, LeaseTable.live(next, 1500));
        assertEquals(1, LeaseTable.live(next, 2000));
    }

    @Test
    void renewingTwiceKeepsOneLeasePerHolder() {
        final Map<String, String> once = LeaseTable.renew(Map.of(), "a", 0, 100);
        final Map<String, String> twice = LeaseTable.renew(once, "a", 50, 150);

        assertEquals(Map.of("lease.a", "150"), twice);
        assertEquals(1, LeaseTable.live(twice, 50));
    }

    @Test
    void unreadableLeasesCountAsExpiredAndAreCleanedUp() {
        final Map<String, String> state = Map.of("lease.x", "soon");

        assertEquals(0, LeaseTable.live(state, 0));
        assertEquals(Map.of("lease.a", "10"), LeaseTable.renew(state, "a", 0, 10));
    }

    @Test
    void releaseRemovesOnlyTheHolder() {
        assertEquals(Map.of("lease.b", "9"), LeaseTable.release(Map.of("lease.a", "9", "lease.b", "9"), "a"));
        assertEquals(Map.of(), LeaseTable.release(Map.of(), "a"));
    }
}
