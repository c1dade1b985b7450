package dev.nifiocr.integration;

import dev.nifiocr.emulator.TextPdf;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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

    private static final String INVOKE_TYPE = "dev.nifiocr.processors.InvokeTencentOCR";
    private static final String SUBMIT_TYPE = "dev.nifiocr.processors.SubmitTencentOCRJob";
    private static final String STATUS_TYPE = "dev.nifiocr.processors.GetTencentOCRJobStatus";
    private static final String SUBMIT = "SubmitExtractDocAgentJob";
    private static final String DESCRIBE = "DescribeExtractDocAgentJob";

    @RegisterExtension
    static final NiFiFixture nifi = new NiFiFixture();

    @BeforeAll
    void answerExamples() {
        nifi.emulator().exampleAnswersOnly(true); // about what is called, not what is read
    }

    @Test
    void theSameTwentyImagesSentTwiceCostTwentyCalls() throws Exception {
        final String cacheServer = nifi.rest().createControllerService(nifi.root(), "org.apache.nifi.distributed.cache.server.map.MapCacheServer",
                "Map Cache Server", Map.of("Port", Integer.toString(NiFiRig.freePort())));
        nifi.rest().enableControllerService(cacheServer, Duration.ofSeconds(30));
        final String port = nifi.rest().controllerService(cacheServer).at("/component/properties/Port").asText();
        final String cacheClient = nifi.rest().createControllerService(nifi.root(), "org.apache.nifi.distributed.cache.client.MapCacheClientService",
                "Map Cache Client", Map.of("Server Hostname", "127.0.0.1", "Server Port", port));
        nifi.rest().enableControllerService(cacheClient, Duration.ofSeconds(30));
        final String service = nifi.service("Tencent (cached)", Map.of("Rate Limit per Account", "100"));
        final Connectable input = nifi.rest().createPort(nifi.root(), true, "cached images", 0, 0);
        final Connectable results = nifi.rest().createPort(nifi.root(), false, "cached results", 0, 600);
        final Connectable invoke = nifi.rest().createProcessor(nifi.root(), INVOKE_TYPE, "InvokeTencentOCR cached", Map.of(
                "Tencent Cloud Client Service", service, "OCR Action", "GeneralBasicOCR", "Result Cache", cacheClient), List.of("original"), 0, 300);
        nifi.rest().connect(input, invoke, List.of());
        nifi.rest().connect(invoke, results, List.of("success", "retry", "failure"));
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        final List<SiteToSite.Received> first = sendAndReceive(input, results, 20, "image-");
        final List<SiteToSite.Received> second = sendAndReceive(input, results, 20, "image-");
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        final long calls = nifi.emulator().calls("GeneralBasicOCR success");
        final long hits = second.stream().filter(answer -> "true".equals(answer.attributes().get("tencent.ocr.cache.hit"))).count();
        System.out.printf("CostControlIT: 20 images sent twice through MapCacheClientService: %d calls at the emulator, %d cache hits; counters %s%n",
                calls, hits, nifi.rest().counters());
        assertEquals(20, first.size());
        assertTrue(first.stream().allMatch(answer -> "false".equals(answer.attributes().get("tencent.ocr.cache.hit"))), "first round misses");
        assertEquals(20, second.size());
        assertEquals(20, hits);
        assertEquals(20, calls);
    }

    @Test
    void aBudgetOfThirtyStopsTheFlowAtThirtyUntilItIsRaised() throws Exception {
        final String service = nifi.service("Tencent (budget)", Map.of("Rate Limit per Account", "100", "Daily Budget Enabled", "true", "Daily Budget", "30"));
        final Connectable input = nifi.rest().createPort(nifi.root(), true, "budget images", 1200, 0);
        final Connectable results = nifi.rest().createPort(nifi.root(), false, "budget results", 1200, 600);
        final Connectable invoke = nifi.rest().createProcessor(nifi.root(), INVOKE_TYPE, "InvokeTencentOCR budget", Map.of(
                "Tencent Cloud Client Service", service, "OCR Action", "GeneralAccurateOCR"), List.of("original"), 1200, 300);
        final String queue = nifi.rest().connect(input, invoke, List.of());
        nifi.rest().connect(invoke, results, List.of("success", "retry", "failure"));
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        send(input, 40, "budget-");
        final List<SiteToSite.Received> received = new ArrayList<>();
        nifi.await(() -> {
            received.addAll(nifi.receive(results));
            return received.size() >= 30 && nifi.queued(queue) == 10;
        }, "30 answers and 10 queued");
        Thread.sleep(3000); // a budget that leaked would let more through meanwhile
        received.addAll(nifi.receive(results));
        final long callsAtBudget = nifi.emulator().calls("GeneralAccurateOCR success");
        final long queuedAtBudget = nifi.queued(queue);
        final String bulletins = String.join("\n", nifi.rest().bulletins());

        nifi.rest().setGroupState(nifi.root(), "STOPPED");
        nifi.rest().disableControllerService(service, Duration.ofSeconds(30));
        nifi.rest().updateControllerService(service, Map.of("Daily Budget", "40"));
        nifi.rest().enableControllerService(service, Duration.ofSeconds(30));
        nifi.rest().setGroupState(nifi.root(), "RUNNING");
        nifi.await(() -> {
            received.addAll(nifi.receive(results));
            return received.size() >= 40;
        }, "the other 10 answers");
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        System.out.printf("CostControlIT: 40 images, Daily Budget 30: %d calls and %d queued at the budget; after raising it to 40: %d calls, "
                + "%d answers%n", callsAtBudget, queuedAtBudget, nifi.emulator().calls("GeneralAccurateOCR success"), received.size());
        assertEquals(30, callsAtBudget);
        assertEquals(10, queuedAtBudget);
        assertTrue(bulletins.contains("daily budget of 30 billable calls"), bulletins);
        assertEquals(40, received.size());
        assertTrue(received.stream().allMatch(answer -> answer.attributes().get("tencent.ocr.error.code") == null), "nothing failed");
        assertEquals(40, nifi.emulator().calls("GeneralAccurateOCR success"));
    }

    @Test
    void aJobBudgetOfOneSubmitsOneJobAndLeavesTheOtherQueued() throws Exception {
        final String service = nifi.service("Tencent (job budget)", Map.of("Rate Limit per Account", "100", "Daily Budget Enabled", "true", "Daily Budget", "1"));
        final Connectable input = nifi.rest().createPort(nifi.root(), true, "job budget documents", 2400, 0);
        final Connectable jobs = nifi.rest().createPort(nifi.root(), false, "job budget jobs", 2400, 600);
        final Connectable submit = nifi.rest().createProcessor(nifi.root(), SUBMIT_TYPE, "SubmitTencentOCRJob budget",
                Map.of("Tencent Cloud Client Service", service), List.of(), 2400, 300);
        final String queue = nifi.rest().connect(input, submit, List.of());
        nifi.rest().connect(submit, jobs, List.of("success", "retry", "failure"));
        final long submitsBefore = nifi.emulator().calls(SUBMIT + " success"); // the other tests' jobs share the emulator
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        sendDocuments(input, 2, "job-budget-");
        final List<SiteToSite.Received> received = new ArrayList<>();
        nifi.await(() -> {
            received.addAll(nifi.receive(jobs));
            return received.size() >= 1 && nifi.queued(queue) == 1;
        }, "one job submitted and one document queued");
        Thread.sleep(3000); // a budget that leaked would let the second through meanwhile
        received.addAll(nifi.receive(jobs));
        final long submits = nifi.emulator().calls(SUBMIT + " success") - submitsBefore;
        final long queuedAtBudget = nifi.queued(queue);
        final String bulletins = String.join("\n", nifi.rest().bulletins());
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

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
        nifi.emulator().asyncJobs().concurrentJobLimit(100);
        final Queue<RecordingRelay.Call> calls = new ConcurrentLinkedQueue<>();
        try (RecordingRelay relay = new RecordingRelay(0, nifi.emulator().endpoint(), calls)) {
            final String service = nifi.service("Tencent (job rates)",
                    Map.of("Endpoint", relay.endpoint(), "Rate Limit per Account", "100", SUBMIT, Double.toString(submitRate), DESCRIBE, Double.toString(statusRate)));
            final Connectable input = nifi.rest().createPort(nifi.root(), true, "job rate documents", 3000, 0);
            final Connectable results = nifi.rest().createPort(nifi.root(), false, "job rate results", 3000, 900);
            final Connectable submit = nifi.rest().createProcessor(nifi.root(), SUBMIT_TYPE, "SubmitTencentOCRJob rate",
                    Map.of("Tencent Cloud Client Service", service), List.of(), 3000, 300);
            final Connectable status = nifi.rest().createProcessor(nifi.root(), STATUS_TYPE, "GetTencentOCRJobStatus rate",
                    Map.of("Tencent Cloud Client Service", service), List.of(), 3000, 600);
            nifi.rest().connect(input, submit, List.of());
            nifi.rest().connect(submit, submit, List.of("retry"));
            nifi.rest().connect(submit, status, List.of("success"));
            nifi.rest().connect(status, status, List.of("running", "retry"));
            nifi.rest().connect(submit, results, List.of("failure"));
            nifi.rest().connect(status, results, List.of("success", "failure"));
            nifi.rest().setGroupState(nifi.root(), "RUNNING");

            sendDocuments(input, documents, "job-rate-");
            final List<SiteToSite.Received> received = new ArrayList<>();
            nifi.await(() -> {
                received.addAll(nifi.receive(results));
                return received.size() >= documents;
            }, documents + " job results");
            nifi.rest().setGroupState(nifi.root(), "STOPPED");

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

    private void sendDocuments(final Connectable input, final int count, final String prefix) throws Exception {
        final List<byte[]> pdfs = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pdfs.add(TextPdf.of(List.of(List.of("Document " + prefix + i + " for an asynchronous extraction job"))));
            attributes.add(Map.of("filename", prefix + i + ".pdf"));
        }
        nifi.send(input, pdfs, attributes);
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
        nifi.await(() -> {
            received.addAll(nifi.receive(output));
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
        nifi.send(input, images, attributes);
    }
}
