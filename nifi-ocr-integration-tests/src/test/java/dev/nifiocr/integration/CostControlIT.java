package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.emulator.TextPdf;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cost control in a real NiFi 2.3.0 against the emulator: InvokeTencentOCR with NiFi's own map cache (MapCacheServer and
 * MapCacheClientService from nifi-distributed-cache-services-nar) answers the same images a second time without a call,
 * and a client service with a Daily Budget stops the flow at the budget with the rest queued, until the budget is raised.
 * The same gate stands before the job processors: SubmitTencentOCRJob spends the budget (Tencent bills a job at submit),
 * and a per-Action rate limit on a job Action holds for its submits and status calls, as the emulator sees them arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostControlIT {

    private static final String SECRET_ID = "AKIDcostcontrol000000000000000000";
    private static final String SECRET_KEY = "cost-control-secret-key";
    private static final String SERVICE_TYPE = "dev.nifiocr.service.StandardTencentCloudClientService";
    private static final String INVOKE_TYPE = "dev.nifiocr.processors.InvokeTencentOCR";
    private static final String SUBMIT_TYPE = "dev.nifiocr.processors.SubmitTencentOCRJob";
    private static final String STATUS_TYPE = "dev.nifiocr.processors.GetTencentOCRJobStatus";
    private static final String SUBMIT = "SubmitExtractDocAgentJob";
    private static final String DESCRIBE = "DescribeExtractDocAgentJob";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private NiFiRig nifi;
    private NiFiRestClient rest;
    private TencentOcrEmulator emulator;
    private String root;

    @BeforeAll
    void startNiFiAndEmulator() throws Exception {
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
        emulator.exampleAnswersOnly(true); // about what is called, not what is read
        nifi = NiFiRig.start(Path.of(System.getProperty("nifi.rig.directory", "target/nifi")), NiFiRig.freePort(), Duration.ofMinutes(3));
        rest = nifi.client();
        root = rest.rootGroupId();
    }

    @AfterAll
    void stop() {
        if (nifi != null) {
            nifi.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theSameTwentyImagesSentTwiceCostTwentyCalls() throws Exception {
        final String cacheServer = rest.createControllerService(root, "org.apache.nifi.distributed.cache.server.map.MapCacheServer",
                "Map Cache Server", Map.of("Port", Integer.toString(NiFiRig.freePort())));
        rest.enableControllerService(cacheServer, Duration.ofSeconds(30));
        final String port = rest.controllerService(cacheServer).at("/component/properties/Port").asText();
        final String cacheClient = rest.createControllerService(root, "org.apache.nifi.distributed.cache.client.MapCacheClientService",
                "Map Cache Client", Map.of("Server Hostname", "127.0.0.1", "Server Port", port));
        rest.enableControllerService(cacheClient, Duration.ofSeconds(30));
        final String service = service("Tencent (cached)", emulator.endpoint(), Map.of());
        final Connectable input = rest.createPort(root, true, "cached images", 0, 0);
        final Connectable results = rest.createPort(root, false, "cached results", 0, 600);
        final Connectable invoke = rest.createProcessor(root, INVOKE_TYPE, "InvokeTencentOCR cached", Map.of(
                "Tencent Cloud Client Service", service, "OCR Action", "GeneralBasicOCR", "Result Cache", cacheClient), List.of("original"), 0, 300);
        rest.connect(input, invoke, List.of());
        rest.connect(invoke, results, List.of("success", "retry", "failure"));
        rest.setGroupState(root, "RUNNING");

        final List<SiteToSite.Received> first = sendAndReceive(input, results, 20, "image-");
        final List<SiteToSite.Received> second = sendAndReceive(input, results, 20, "image-");
        rest.setGroupState(root, "STOPPED");

        final long calls = emulator.calls("GeneralBasicOCR success");
        final long hits = second.stream().filter(answer -> "true".equals(answer.attributes().get("tencent.ocr.cache.hit"))).count();
        System.out.printf("CostControlIT: 20 images sent twice through MapCacheClientService: %d calls at the emulator, %d cache hits; counters %s%n",
                calls, hits, rest.counters());
        assertEquals(20, first.size());
        assertTrue(first.stream().allMatch(answer -> "false".equals(answer.attributes().get("tencent.ocr.cache.hit"))), "first round misses");
        assertEquals(20, second.size());
        assertEquals(20, hits);
        assertEquals(20, calls);
    }

    @Test
    void aBudgetOfThirtyStopsTheFlowAtThirtyUntilItIsRaised() throws Exception {
        final String service = service("Tencent (budget)", emulator.endpoint(), Map.of("Daily Budget Enabled", "true", "Daily Budget", "30"));
        final Connectable input = rest.createPort(root, true, "budget images", 1200, 0);
        final Connectable results = rest.createPort(root, false, "budget results", 1200, 600);
        final Connectable invoke = rest.createProcessor(root, INVOKE_TYPE, "InvokeTencentOCR budget", Map.of(
                "Tencent Cloud Client Service", service, "OCR Action", "GeneralAccurateOCR"), List.of("original"), 1200, 300);
        final String queue = rest.connect(input, invoke, List.of());
        rest.connect(invoke, results, List.of("success", "retry", "failure"));
        rest.setGroupState(root, "RUNNING");

        send(input, 40, "budget-");
        final List<SiteToSite.Received> received = new ArrayList<>();
        await(() -> {
            received.addAll(receive(results));
            return received.size() >= 30 && queued(queue) == 10;
        }, "30 answers and 10 queued");
        Thread.sleep(3000); // a budget that leaked would let more through meanwhile
        received.addAll(receive(results));
        final long callsAtBudget = emulator.calls("GeneralAccurateOCR success");
        final int queuedAtBudget = queued(queue);
        final String bulletins = String.join("\n", rest.bulletins());

        rest.setGroupState(root, "STOPPED");
        rest.disableControllerService(service, Duration.ofSeconds(30));
        rest.updateControllerService(service, Map.of("Daily Budget", "40"));
        rest.enableControllerService(service, Duration.ofSeconds(30));
        rest.setGroupState(root, "RUNNING");
        await(() -> {
            received.addAll(receive(results));
            return received.size() >= 40;
        }, "the other 10 answers");
        rest.setGroupState(root, "STOPPED");

        System.out.printf("CostControlIT: 40 images, Daily Budget 30: %d calls and %d queued at the budget; after raising it to 40: %d calls, "
                + "%d answers%n", callsAtBudget, queuedAtBudget, emulator.calls("GeneralAccurateOCR success"), received.size());
        assertEquals(30, callsAtBudget);
        assertEquals(10, queuedAtBudget);
        assertTrue(bulletins.contains("daily budget of 30 billable calls"), bulletins);
        assertEquals(40, received.size());
        assertTrue(received.stream().allMatch(answer -> answer.attributes().get("tencent.ocr.error.code") == null), "nothing failed");
        assertEquals(40, emulator.calls("GeneralAccurateOCR success"));
    }

    @Test
    void aJobBudgetOfOneSubmitsOneJobAndLeavesTheOtherQueued() throws Exception {
        final String service = service("Tencent (job budget)", emulator.endpoint(), Map.of("Daily Budget Enabled", "true", "Daily Budget", "1"));
        final Connectable input = rest.createPort(root, true, "job budget documents", 2400, 0);
        final Connectable jobs = rest.createPort(root, false, "job budget jobs", 2400, 600);
        final Connectable submit = rest.createProcessor(root, SUBMIT_TYPE, "SubmitTencentOCRJob budget",
                Map.of("Tencent Cloud Client Service", service), List.of(), 2400, 300);
        final String queue = rest.connect(input, submit, List.of());
        rest.connect(submit, jobs, List.of("success", "retry", "failure"));
        final long submitsBefore = emulator.calls(SUBMIT + " success"); // the other tests' jobs share the emulator
        rest.setGroupState(root, "RUNNING");

        sendDocuments(input, 2, "job-budget-");
        final List<SiteToSite.Received> received = new ArrayList<>();
        await(() -> {
            received.addAll(receive(jobs));
            return received.size() >= 1 && queued(queue) == 1;
        }, "one job submitted and one document queued");
        Thread.sleep(3000); // a budget that leaked would let the second through meanwhile
        received.addAll(receive(jobs));
        final long submits = emulator.calls(SUBMIT + " success") - submitsBefore;
        final int queuedAtBudget = queued(queue);
        final String bulletins = String.join("\n", rest.bulletins());
        rest.setGroupState(root, "STOPPED");

        System.out.printf("CostControlIT: 2 documents to SubmitTencentOCRJob, Daily Budget 1: %d submit(s) at the emulator, %d queued, %d job(s) out%n",
                submits, queuedAtBudget, received.size());
        assertEquals(1, submits);
        assertEquals(1, queuedAtBudget);
        assertEquals(1, received.size());
        assertTrue(received.getFirst().attributes().get("tencent.ocr.job.id") != null, received.getFirst().attributes().toString());
        assertEquals("true", received.getFirst().attributes().get("tencent.ocr.billable"));
        assertTrue(bulletins.contains("daily budget of 1 billable calls"), bulletins);
    }

    @Test
    void aRateLimitOnAJobActionHoldsForSubmitsAndStatusCalls() throws Exception {
        final int documents = 8;
        final double submitRate = 2;
        final double statusRate = 2;
        emulator.asyncJobs().concurrentJobLimit(100);
        final Queue<RecordingRelay.Call> calls = new ConcurrentLinkedQueue<>();
        try (RecordingRelay relay = new RecordingRelay(0, emulator.endpoint(), calls)) {
            final String service = service("Tencent (job rates)", relay.endpoint(),
                    Map.of(SUBMIT, Double.toString(submitRate), DESCRIBE, Double.toString(statusRate)));
            final Connectable input = rest.createPort(root, true, "job rate documents", 3000, 0);
            final Connectable results = rest.createPort(root, false, "job rate results", 3000, 900);
            final Connectable submit = rest.createProcessor(root, SUBMIT_TYPE, "SubmitTencentOCRJob rate",
                    Map.of("Tencent Cloud Client Service", service), List.of(), 3000, 300);
            final Connectable status = rest.createProcessor(root, STATUS_TYPE, "GetTencentOCRJobStatus rate",
                    Map.of("Tencent Cloud Client Service", service), List.of(), 3000, 600);
            rest.connect(input, submit, List.of());
            rest.connect(submit, submit, List.of("retry"));
            rest.connect(submit, status, List.of("success"));
            rest.connect(status, status, List.of("running", "retry"));
            rest.connect(submit, results, List.of("failure"));
            rest.connect(status, results, List.of("success", "failure"));
            rest.setGroupState(root, "RUNNING");

            sendDocuments(input, documents, "job-rate-");
            final List<SiteToSite.Received> received = new ArrayList<>();
            await(() -> {
                received.addAll(receive(results));
                return received.size() >= documents;
            }, documents + " job results");
            rest.setGroupState(root, "STOPPED");

            final List<Long> submits = arrivals(calls, SUBMIT);
            final List<Long> polls = arrivals(calls, DESCRIBE);
            System.out.printf("CostControlIT: %d jobs with %s limited to %.0f/s and %s to %.0f/s: %d submits over %.1f s (at most %d in any second), "
                            + "%d status calls over %.1f s (at most %d in any second)%n", documents, SUBMIT, submitRate, DESCRIBE, statusRate,
                    submits.size(), seconds(submits), busiestSecond(submits), polls.size(), seconds(polls), busiestSecond(polls));
            assertTrue(received.stream().allMatch(result -> result.attributes().get("tencent.ocr.error.code") == null), "every job done");
            assertEquals(documents, submits.size());
            assertTrue(polls.size() >= 3 * documents, "each job is polled WAIT, RUN, DONE: " + polls.size());
            // slots of a limiter at r/s: at most r in any second, one more where an earlier request left late
            assertTrue(busiestSecond(submits) <= submitRate + 1, "submits in the busiest second: " + busiestSecond(submits));
            assertTrue(busiestSecond(polls) <= statusRate + 1, "status calls in the busiest second: " + busiestSecond(polls));
            assertTrue(seconds(submits) >= (documents - 1) / submitRate - 0.5, "submits spread over " + seconds(submits) + " s");
        }
    }

    /** An enabled client service with this test's key at the endpoint, a shared rate limit of 100/s, and these properties. */
    private String service(final String name, final String endpoint, final Map<String, String> properties) throws Exception {
        final Map<String, String> all = new HashMap<>(properties);
        all.putAll(Map.of("Secret ID", SECRET_ID, "Secret Key", SECRET_KEY, "Endpoint", endpoint, "Rate Limit per Account", "100"));
        final String service = rest.createControllerService(root, SERVICE_TYPE, name, all);
        rest.enableControllerService(service, Duration.ofSeconds(30));
        return service;
    }

    private void sendDocuments(final Connectable input, final int count, final String prefix) throws Exception {
        final List<byte[]> pdfs = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pdfs.add(TextPdf.of(List.of(List.of("Document " + prefix + i + " for an asynchronous extraction job"))));
            attributes.add(Map.of("filename", prefix + i + ".pdf"));
        }
        SiteToSite.send(nifi.baseUrl(), input.id(), pdfs, attributes);
    }

    /** When each call of the Action arrived, in nanoseconds, in order. */
    private static List<Long> arrivals(final Queue<RecordingRelay.Call> calls, final String action) {
        return calls.stream().filter(call -> call.action().equals(action)).map(RecordingRelay.Call::nanos).sorted().toList();
    }

    private static double seconds(final List<Long> arrivals) {
        return arrivals.size() < 2 ? 0 : (arrivals.getLast() - arrivals.getFirst()) / 1e9;
    }

    /** The most arrivals within any one second. */
    private static int busiestSecond(final List<Long> arrivals) {
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < arrivals.size(); last++) {
            while (arrivals.get(last) - arrivals.get(first) >= 1_000_000_000L) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    private List<SiteToSite.Received> sendAndReceive(final Connectable input, final Connectable output, final int count, final String prefix)
            throws Exception {
        send(input, count, prefix);
        final List<SiteToSite.Received> received = new ArrayList<>();
        await(() -> {
            received.addAll(receive(output));
            return received.size() >= count;
        }, count + " answers");
        return received;
    }

    private void send(final Connectable input, final int count, final String prefix) throws Exception {
        final List<byte[]> images = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            images.add((prefix + i).getBytes(StandardCharsets.US_ASCII));
            attributes.add(Map.of("filename", prefix + i + ".png"));
        }
        SiteToSite.send(nifi.baseUrl(), input.id(), images, attributes);
    }

    private List<SiteToSite.Received> receive(final Connectable output) {
        try {
            return SiteToSite.receive(nifi.baseUrl(), output.id());
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int queued(final String connectionId) {
        try {
            for (final JsonNode connection : rest.groupFlow(root).get("connections")) {
                if (connection.get("id").asText().equals(connectionId)) {
                    return connection.at("/status/aggregateSnapshot/flowFilesQueued").asInt();
                }
            }
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("No connection " + connectionId);
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }
}
