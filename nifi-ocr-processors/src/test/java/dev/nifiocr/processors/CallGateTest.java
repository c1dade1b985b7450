package dev.nifiocr.processors;

import dev.nifiocr.service.api.TencentCloudClientService;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate before every call: what it takes from the service, in which order, and what it gives back. */
class CallGateTest {

    /** The gate's side of the service: budget and permits, answering as configured and noting every call. */
    private static final class Service {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger budget = new AtomicInteger(Integer.MAX_VALUE);
        volatile boolean permits = true;

        TencentCloudClientService client() {
            return (TencentCloudClientService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TencentCloudClientService.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "reserveBillableCall" -> {
                            calls.add("reserve " + args[0]);
                            yield budget.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
                        }
                        case "releaseBillableCall" -> {
                            calls.add("release " + args[0]);
                            budget.incrementAndGet();
                            yield null;
                        }
                        case "acquirePermit" -> {
                            calls.add("permit " + args[0] + " " + args[1]);
                            yield permits;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private final Service service = new Service();

    @Test
    void aBilledCallReservesThenTakesItsPermitAndKeepsTheReservation() {
        final CallGate.Pass pass = CallGate.billed().enter(service.client(), "SubmitExtractDocAgentJob");
        assertNotNull(pass);
        pass.billed();
        pass.close();

        assertEquals(List.of("reserve SubmitExtractDocAgentJob", "permit SubmitExtractDocAgentJob " + CallGate.PERMIT_WAIT), service.calls);
    }

    @Test
    void aCallThatWasNotBilledGivesTheReservationBackOnce() {
        final CallGate.Pass pass = CallGate.billed().enter(service.client(), "GeneralBasicOCR");
        pass.close();
        pass.close();

        assertEquals(List.of("reserve GeneralBasicOCR", "permit GeneralBasicOCR " + CallGate.PERMIT_WAIT, "release GeneralBasicOCR"), service.calls);
    }

    @Test
    void aSpentBudgetAsksForNoPermit() {
        service.budget.set(0);

        assertNull(CallGate.billed().enter(service.client(), "GeneralBasicOCR"));
        assertEquals(List.of("reserve GeneralBasicOCR"), service.calls);
    }

    @Test
    void noPermitInTimeGivesTheReservationBack() {
        service.permits = false;

        assertNull(CallGate.billed().enter(service.client(), null));
        assertEquals(List.of("reserve null", "permit null " + CallGate.PERMIT_WAIT, "release null"), service.calls);
    }

    @Test
    void unbilledCallsTakeAPermitOnly() {
        final CallGate.Pass pass = CallGate.permitOnly().enter(service.client(), "DescribeExtractDocAgentJob");
        pass.close();

        assertEquals(List.of("permit DescribeExtractDocAgentJob " + CallGate.PERMIT_WAIT), service.calls);
    }

    @Test
    void aPassRetargetedToTheFlowFilesActionTakesThatActionsPermitAndBudget() {
        final CallGate.Pass pass = CallGate.billed().enter(service.client(), null);
        assertTrue(pass.retarget(null), "the same Action needs nothing more");
        assertTrue(pass.retarget("IDCardOCR"));
        pass.close();

        assertEquals(List.of("reserve null", "permit null " + CallGate.PERMIT_WAIT, "reserve IDCardOCR", "permit IDCardOCR " + CallGate.PERMIT_WAIT,
                "release null", "release IDCardOCR"), service.calls);
    }

    @Test
    void aRetargetWithoutPermitKeepsThePassAsItWas() {
        final CallGate.Pass pass = CallGate.billed().enter(service.client(), null);
        service.permits = false;
        assertTrue(!pass.retarget("IDCardOCR"));
        pass.close();

        assertEquals(List.of("reserve null", "permit null " + CallGate.PERMIT_WAIT, "reserve IDCardOCR", "permit IDCardOCR " + CallGate.PERMIT_WAIT,
                "release IDCardOCR", "release null"), service.calls);
    }

    /** Calls in flight each hold their own pass, settled by whichever thread sees the answer. */
    @Test
    void passesOfCallsInFlightAreSettledEachOnItsOwn() {
        service.budget.set(10);
        final CallGate gate = CallGate.billed();
        final List<CallGate.Pass> inFlight = IntStream.range(0, 10).mapToObj(i -> gate.enter(service.client(), "GeneralBasicOCR", Duration.ZERO)).toList();
        assertNull(gate.enter(service.client(), "GeneralBasicOCR", Duration.ZERO), "the eleventh call finds the budget spent");

        CompletableFuture.allOf(IntStream.range(0, 10).mapToObj(i -> CompletableFuture.runAsync(() -> {
            final CallGate.Pass pass = inFlight.get(i);
            if (i % 2 == 0) {
                pass.billed();
            }
            pass.close();
            pass.close();
        })).toArray(CompletableFuture[]::new)).join();

        assertEquals(5, service.budget.get(), "the five unbilled calls gave their reservation back, once each");
        assertEquals(5, service.calls.stream().filter(call -> call.startsWith("release")).count());
        assertTrue(service.calls.contains("permit GeneralBasicOCR PT0S"));
    }
}
