package dev.nifiocr.cost;

import dev.nifiocr.cluster.Membership;
import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.state.MockStateManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DailyBudgetTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 23:58 in Shanghai on 2026-11-29
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T15:58:00Z"));
    private final MockStateManager state = new MockStateManager(new StandardTencentCloudClientService());
    private final AtomicReference<Membership> membership = new AtomicReference<>(Membership.CONNECTED);

    private DailyBudget budget(final Long daily, final Map<String, Long> perAction, final int blockSize) {
        return new DailyBudget(state, new BudgetLimits(daily, perAction, SHANGHAI), now::get, membership::get, blockSize);
    }

    private static int allowed(final DailyBudget budget, final String action, final int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (budget.reserve(action).allowed()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void stopsMidBatchAtTheBudgetAndSaysWhichAndWhen() throws IOException {
        final DailyBudget budget = budget(23L, Map.of(), 10);

        assertEquals(23, allowed(budget, "GeneralBasicOCR", 30));

        final BudgetDecision refused = budget.reserve("GeneralBasicOCR");
        assertFalse(refused.allowed());
        assertTrue(refused.reason().contains("23 billable calls"), refused.reason());
        assertEquals(ZonedDateTime.parse("2026-11-30T00:00+08:00[Asia/Shanghai]"), refused.resetsAt());
        assertEquals("23", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED));
    }

    @Test
    void leasesBlocksSoTheStateIsWrittenOncePerBlock() throws IOException {
        final DailyBudget budget = budget(100L, Map.of(), 10);

        assertEquals(15, allowed(budget, null, 15));

        // two blocks of 10 leased: 5 calls are this node's, unspent
        assertEquals("20", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED));
        assertEquals(List.of(new DailyBudget.Usage("all Actions", 20, 100)), budget.usage());
        budget.returnUnspent();
        assertEquals("15", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED));
    }

    @Test
    void callsNotBilledGoBackToTheBlock() throws IOException {
        final DailyBudget budget = budget(2L, Map.of(), 10);

        assertTrue(budget.reserve(null).allowed());
        assertTrue(budget.reserve(null).allowed());
        assertFalse(budget.reserve(null).allowed());
        budget.release(null); // e.g. FailedOperation.ImageNoText: not billed

        assertTrue(budget.reserve(null).allowed());
        assertFalse(budget.reserve(null).allowed());
    }

    @Test
    void perActionBudgetsApplyBesideTheDailyOne() throws IOException {
        final DailyBudget budget = budget(10L, Map.of("IDCardOCR", 3L), 10);

        assertEquals(3, allowed(budget, "IDCardOCR", 5));
        final BudgetDecision refused = budget.reserve("IDCardOCR");
        assertTrue(refused.reason().contains("for IDCardOCR"), refused.reason());
        // other Actions still have the rest of the daily budget: 10 - 3
        assertEquals(7, allowed(budget, "GeneralBasicOCR", 10));
        assertEquals("3", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED_ACTION + "IDCardOCR"));
    }

    @Test
    void startsAgainAtMidnightInTheBudgetsZone() throws IOException {
        final DailyBudget budget = budget(5L, Map.of(), 10);
        assertEquals(5, allowed(budget, null, 8));

        now.set(Instant.parse("2026-11-29T15:59:59Z")); // 23:59:59 in Shanghai: same day
        assertFalse(budget.reserve(null).allowed());
        now.set(Instant.parse("2026-11-29T16:00:01Z")); // 00:00:01 in Shanghai, still 29 November in UTC

        assertEquals(5, allowed(budget, null, 8));
        assertEquals("2026-11-30", state.getState(Scope.CLUSTER).get(DailyBudget.DAY));
        assertEquals("5", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED));
    }

    @Test
    void aReleaseAfterMidnightDoesNotAddToTheNewDay() throws IOException {
        final DailyBudget budget = budget(1L, Map.of(), 10);
        assertTrue(budget.reserve(null).allowed());
        now.set(Instant.parse("2026-11-29T16:00:01Z"));

        budget.release(null);

        assertEquals(1, allowed(budget, null, 3));
    }

    @Test
    void twoNodesShareOneBudgetThroughClusterState() throws IOException {
        final DailyBudget first = budget(25L, Map.of(), 10);
        final DailyBudget second = budget(25L, Map.of(), 10);

        int sent = 0;
        for (int i = 0; i < 40; i++) {
            sent += first.reserve(null).allowed() ? 1 : 0;
            sent += second.reserve(null).allowed() ? 1 : 0;
        }

        assertEquals(25, sent);
        assertFalse(first.reserve(null).allowed());
        assertFalse(second.reserve(null).allowed());
        assertEquals("25", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED));
    }

    @Test
    void aStoppedNodeHandsItsBlockToTheOthers() throws IOException {
        final DailyBudget first = budget(20L, Map.of(), 10);
        final DailyBudget second = budget(20L, Map.of(), 10);
        assertTrue(first.reserve(null).allowed());
        assertEquals(10, allowed(second, null, 10));
        assertFalse(second.reserve(null).allowed()); // 20 leased: 10 to each node

        first.returnUnspent(); // 9 unspent go back

        assertEquals(9, allowed(second, null, 20));
    }

    @Test
    void aDisconnectedNodeSpendsOnlyWhatItLeasedBefore() throws IOException {
        final DailyBudget budget = budget(100L, Map.of(), 10);
        assertTrue(budget.reserve(null).allowed());
        membership.set(Membership.DISCONNECTED);

        assertEquals(9, allowed(budget, null, 20));
        final BudgetDecision refused = budget.reserve(null);
        assertTrue(refused.reason().contains("disconnected"), refused.reason());
        assertEquals("10", state.getState(Scope.CLUSTER).get(DailyBudget.LEASED));
    }

    @Test
    void refusesWhenTheStateCannotBeCounted() throws IOException {
        final DailyBudget budget = budget(100L, Map.of(), 10);
        state.setFailOnStateSet(Scope.CLUSTER, true);

        final BudgetDecision refused = budget.reserve(null);

        assertFalse(refused.allowed());
        assertTrue(refused.reason().contains("cluster state failed"), refused.reason());
    }

    @Test
    void withoutABudgetNothingIsCountedInState() throws IOException {
        final DailyBudget budget = budget(null, Map.of(), 10);
        assertEquals(50, allowed(budget, "GeneralBasicOCR", 50));
        assertTrue(state.getState(Scope.CLUSTER).toMap().isEmpty());
    }
}
