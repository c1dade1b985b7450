package dev.nifiocr.integration;

import dev.nifiocr.emulator.Latency;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * InvokeTencentOCR's window of calls in flight in a real NiFi 2.3.0 against the emulator answering after 1 s, as Tencent
 * does: one concurrent task keeps many calls waiting and still sends no faster than the account's limit (arrival times at
 * the emulator); stopping mid-window and starting again loses and duplicates nothing; a fault in one call of the window
 * leaves the others alone; a budget spent mid-window leaves the rest queued. Each test has its own Action, so the
 * emulator's arrivals tell the tests apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsInFlightIT {

    private static final Duration LATENCY = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(90);

    // with the limiters' permits in nifi-app.log, for the rate test
    @RegisterExtension
    static final NiFiFixture nifi = NiFiFixture.withPermitsLogged();

    /** Input port, InvokeTencentOCR (one task, the default window) and an output port for success, retry and failure. */
    private record Flow(Connectable input, Connectable invoke, Connectable output, String queue) {
    }

    @BeforeAll
    void answerAfterTencentsLatency() {
        nifi.emulator().exampleAnswersOnly(true);
        nifi.emulator().latency(Latency.fixed(LATENCY));
    }

    /**
     * 10 per second with answers after 1 s: one task needs about ten calls in flight. The emulator sees them at most 10
     * (plus one, where an earlier request left late) in any second, and several within one second, which one call at a
     * time (a second each) could never send.
     */
    @Test
    void oneTaskKeepsCallsInFlightAtTheRateLimitAndNoFaster() throws Exception {
        final int images = 50;
        final double limit = 10;
        final Flow flow = flow("rate", 0, "GeneralBasicOCR", Map.of("Rate Limit per Account", "10"));
        final long started = System.nanoTime();

        send(flow, images, "rate-");
        final List<SiteToSite.Received> results = receive(flow, images);
        nifi.rest().stopProcessor(flow.invoke().id(), WAIT);
        final long ended = System.nanoTime();

        final List<Long> arrivals = arrivals("GeneralBasicOCR", started);
        // what the limiter decided, on the same clock as the emulator's arrivals (CLOCK_MONOTONIC), paired with the calls
        final List<GrantedPermits.Grant> grants = GrantedPermits.read(0, nifi.rig().directory()).stream()
                .filter(grant -> grant.action().equals("GeneralBasicOCR") && grant.slotNanos() >= started && grant.slotNanos() <= ended).toList();
        final List<RecordingRelay.Call> unpaired = new ArrayList<>();
        final List<GrantedPermits.Sent> sent = GrantedPermits.pair(arrivals.stream().map(nanos -> new RecordingRelay.Call(nanos, "GeneralBasicOCR", 0))
                .toList(), grants, unpaired);
        final GrantedPermits.Rates rates = GrantedPermits.Rates.of("GeneralBasicOCR", grants, sent);
        final long late = GrantedPermits.late(sent, "GeneralBasicOCR", limit);
        System.out.printf("CallsInFlightIT: %d images, limit %.0f/s, answers after %d ms, 1 task: %d calls over %.1f s (%.1f/s), at most %d "
                        + "in any second; %.1f s from sending to the last result%nCallsInFlightIT permits: %s%n", images, limit, LATENCY.toMillis(),
                arrivals.size(), Arrivals.seconds(arrivals), (arrivals.size() - 1) / Arrivals.seconds(arrivals), Arrivals.busiestSecond(arrivals),
                (System.nanoTime() - started) / 1e9, rates);
        assertEquals(images, arrivals.size());
        assertOncePerImage(results, images, "rate-");
        assertTrue(results.stream().allMatch(result -> result.attributes().get("tencent.ocr.error.code") == null), "every answer a result");
        // On the permits, exactly: every call went out on a permit taken before it arrived, none closer than 1/limit, at
        // most limit x T + 1 over their span T, spread over (images - 1) / limit.
        assertEquals(List.of(), unpaired, "calls at the emulator without a permit before them");
        assertEquals(List.of(), GrantedPermits.tooClose(grants), "permits closer together than the limiter's interval");
        assertTrue(rates.permits() <= limit * rates.permitSeconds() + 1, "limiter over %s/s: %s".formatted(limit, rates));
        assertTrue(rates.permitSeconds() >= (images - 1) / limit - 0.01, "permits spread over " + rates);
        // At the emulator the calls carry the machine's latency: a call that left more than an interval after its permit
        // (the first of the processor: a new connection, cold code) may arrive among later ones.
        assertTrue(Arrivals.busiestSecond(arrivals) <= limit + 1 + late, "calls in the busiest second: " + Arrivals.busiestSecond(arrivals) + "; " + rates);
        assertTrue(Arrivals.seconds(arrivals) >= (images - 1) / limit - 0.5 - rates.spreadSeconds(), "calls spread over " + Arrivals.seconds(arrivals) + " s");
        assertTrue(Arrivals.busiestSecond(arrivals) >= 3, "calls overlap: " + Arrivals.busiestSecond(arrivals) + " within one second");
    }

    /**
     * Stopped while about twenty calls wait for their answers: the stop waits for them (each was on the wire, so Tencent may
     * bill it), their FlowFiles are routed; the rest stays queued; started again, every image comes out once, sent once.
     */
    @Test
    void stoppingMidWindowAndStartingAgainLosesAndDuplicatesNothing() throws Exception {
        final int images = 60;
        final Flow flow = flow("restart", 1, "GeneralAccurateOCR", Map.of("Rate Limit per Account", "20"));
        final long started = System.nanoTime();
        send(flow, images, "restart-");
        nifi.await(() -> arrivals("GeneralAccurateOCR", started).size() >= 20, "20 calls in flight or answered");

        nifi.rest().stopProcessor(flow.invoke().id(), WAIT);
        final int sentAtStop = arrivals("GeneralAccurateOCR", started).size();
        final List<SiteToSite.Received> results = new ArrayList<>(nifi.receive(flow.output()));
        final int queuedAtStop = (int) nifi.queued(flow.queue());
        Thread.sleep(2 * LATENCY.toMillis()); // a call left behind would still arrive or answer meanwhile
        final int sentAfterStop = arrivals("GeneralAccurateOCR", started).size();
        results.addAll(nifi.receive(flow.output()));

        nifi.rest().setProcessorState(flow.invoke().id(), "RUNNING");
        results.addAll(receive(flow, images - results.size()));
        nifi.rest().stopProcessor(flow.invoke().id(), WAIT);

        System.out.printf("CallsInFlightIT: %d images, stopped after %d calls: %d answers routed and %d queued at the stop; after starting "
                + "again %d results, %d calls in all%n", images, sentAtStop, images - queuedAtStop, queuedAtStop, results.size(),
                arrivals("GeneralAccurateOCR", started).size());
        assertEquals(sentAtStop, sentAfterStop, "nothing sent while stopped");
        assertEquals(images, sentAtStop + queuedAtStop, "every call made was answered and routed; the rest queued");
        assertOncePerImage(results, images, "restart-");
        assertEquals(images, arrivals("GeneralAccurateOCR", started).size(), "each image sent once");
    }

    /** A reset connection and a throttled answer among twenty calls in flight: those two to retry, the other eighteen answered. */
    @Test
    void aFaultInOneCallOfTheWindowLeavesTheOthersAlone() throws Exception {
        final int images = 20;
        final Flow flow = flow("fault", 2, "GeneralHandwritingOCR", Map.of("Rate Limit per Account", "20"));
        final long started = System.nanoTime();
        final List<byte[]> contents = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            contents.add((i == 5 ? "FAULT:RESET" : i == 12 ? "FAULT:RequestLimitExceeded" : "fault-" + i).getBytes(StandardCharsets.US_ASCII));
            attributes.add(Map.of("filename", "fault-" + i + ".png"));
        }
        nifi.send(flow.input(), contents, attributes);
        final List<SiteToSite.Received> results = receive(flow, images);
        nifi.rest().stopProcessor(flow.invoke().id(), WAIT);

        final List<Long> arrivals = arrivals("GeneralHandwritingOCR", started);
        final Map<String, String> codes = results.stream().collect(Collectors.toMap(result -> result.attributes().get("filename"),
                result -> String.valueOf(result.attributes().get("tencent.ocr.error.code"))));
        System.out.printf("CallsInFlightIT: %d calls in %.1f s, at most %d in any second; error codes %s%n", arrivals.size(), Arrivals.seconds(arrivals),
                Arrivals.busiestSecond(arrivals), codes.values().stream().filter(code -> !code.equals("null")).toList());
        assertOncePerImage(results, images, "fault-");
        assertEquals("Client.NetworkError", codes.get("fault-5.png"));
        assertEquals("RequestLimitExceeded", codes.get("fault-12.png"));
        assertEquals(images - 2, codes.values().stream().filter(code -> code.equals("null")).count(), "the others answered: " + codes);
        assertEquals(images, arrivals.size());
    }

    /** A Daily Budget of 15 and 25 images: 15 calls, the other 10 stay queued, and no call beyond the budget is sent. */
    @Test
    void aBudgetSpentMidWindowLeavesTheRestQueued() throws Exception {
        final Flow flow = flow("budget", 3, "GeneralBasicOCR", Map.of("Rate Limit per Account", "20", "Daily Budget Enabled", "true", "Daily Budget", "15"));
        final long started = System.nanoTime();
        send(flow, 25, "budget-");
        final List<SiteToSite.Received> results = new ArrayList<>();
        nifi.await(() -> {
            results.addAll(nifi.receive(flow.output()));
            return results.size() >= 15 && (int) nifi.queued(flow.queue()) == 10;
        }, "15 answers and 10 queued");
        Thread.sleep(2 * LATENCY.toMillis()); // a budget that leaked would let more through meanwhile
        results.addAll(nifi.receive(flow.output()));
        final int calls = arrivals("GeneralBasicOCR", started).size();
        final int queuedAtBudget = (int) nifi.queued(flow.queue());
        nifi.rest().stopProcessor(flow.invoke().id(), WAIT);

        System.out.printf("CallsInFlightIT: 25 images, Daily Budget 15: %d calls, %d results, %d queued%n", calls, results.size(), queuedAtBudget);
        assertEquals(15, calls);
        assertEquals(15, results.size());
        assertEquals(10, queuedAtBudget);
        assertTrue(results.stream().allMatch(result -> result.attributes().get("tencent.ocr.error.code") == null), "nothing failed");
    }

    private Flow flow(final String name, final int column, final String action, final Map<String, String> serviceProperties) throws Exception {
        final String service = nifi.service("Tencent " + name, serviceProperties);
        final Connectable input = nifi.rest().createPort(nifi.root(), true, name + " images", column * 400, 0);
        final Connectable output = nifi.rest().createPort(nifi.root(), false, name + " results", column * 400, 600);
        final Connectable invoke = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.InvokeTencentOCR", "InvokeTencentOCR " + name,
                Map.of("Tencent Cloud Client Service", service, "OCR Action", action), List.of("original"), column * 400, 300);
        final String queue = nifi.rest().connect(input, invoke, List.of());
        nifi.rest().connect(invoke, output, List.of("success", "retry", "failure"));
        // the earlier tests' processors start again too, with nothing queued
        nifi.rest().setGroupState(nifi.root(), "RUNNING");
        return new Flow(input, invoke, output, queue);
    }

    private void send(final Flow flow, final int count, final String prefix) throws Exception {
        final List<byte[]> images = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add((prefix + i).getBytes(StandardCharsets.US_ASCII));
            attributes.add(Map.of("filename", prefix + i + ".png"));
        }
        nifi.send(flow.input(), images, attributes);
    }

    private List<SiteToSite.Received> receive(final Flow flow, final int count) throws Exception {
        final List<SiteToSite.Received> received = new ArrayList<>();
        nifi.await(() -> {
            received.addAll(nifi.receive(flow.output()));
            return received.size() >= count;
        }, count + " results");
        return received;
    }

    /** When each call of the Action arrived at the emulator since the given time, in order. */
    private List<Long> arrivals(final String action, final long since) {
        return nifi.emulator().arrivals().stream().filter(arrival -> action.equals(arrival.action()) && arrival.nanos() >= since)
                .map(TencentOcrEmulator.Arrival::nanos).sorted().toList();
    }

    /** Every image came out exactly once. */
    private static void assertOncePerImage(final List<SiteToSite.Received> results, final int images, final String prefix) {
        // an answer is named for its content (scan-3.png's answer is scan-3.json); retry and failure keep the image's name
        final Map<String, Long> perImage = results.stream().collect(Collectors.groupingBy(result -> baseName(result.attributes().get("filename")),
                Collectors.counting()));
        assertEquals(images, results.size(), "results: " + perImage);
        for (int i = 0; i < images; i++) {
            assertEquals(1L, perImage.getOrDefault(prefix + i, 0L), prefix + i + ": " + perImage);
        }
    }

    private static String baseName(final String filename) {
        return filename.substring(0, filename.lastIndexOf('.'));
    }
}
