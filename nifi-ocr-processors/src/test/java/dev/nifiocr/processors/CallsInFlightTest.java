package dev.nifiocr.processors;

import dev.nifiocr.document.TestDocuments;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window of calls in flight, at the processors' defaults: one task keeps many calls waiting for their answers, each
 * FlowFile routed and committed as its own answer arrives, bounded by count and bytes, gated by the budget, each call
 * under its own Call Timeout, and a stop that waits for the calls on the wire and leaves the rest queued. The server
 * holds its answers until the test lets them go, so what is in flight at once is counted, not timed; it lets them go one
 * at a time, each committed before the next, because nifi-mock's sessions share state that is not thread-safe (NiFi's
 * commit from any thread).
 */
class CallsInFlightTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SUCCEEDED = "GeneralBasicOCR " + CallCounters.SUCCEEDED;

    private final MockWebServer server = new MockWebServer();
    private final HeldAnswers answers = new HeldAnswers();
    private TestRunner runner;

    @BeforeEach
    void startServer() throws Exception {
        server.setDispatcher(answers);
        server.start();
    }

    @AfterEach
    void closeServer() {
        answers.release();
        server.close();
    }

    @Test
    void oneTaskKeepsEveryCallInFlightAndRoutesEachAsItsAnswerArrives() throws Exception {
        runner = invokeRunner();
        enqueueImages(10, "image-");

        runner.run(10, false);
        // the task has returned from all ten triggers; ten requests wait at the server at once
        assertEquals(10, answers.awaitArrivals(10));
        assertEquals(0, counter(SUCCEEDED));
        answerOneByOne(10, "GeneralBasicOCR");
        assertEquals(10, counter(SUCCEEDED), "ten answers routed and committed before the processor stops");
        stop();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 10);
        runner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 10);
        runner.assertQueueEmpty();
        assertEquals(10, sends());
        assertEquals(10L, counter("GeneralBasicOCR " + CallCounters.REQUESTS_SENT));
        assertEquals(10, answers.mostAtOnce());
        assertEquals(0, window().calls());
    }

    @Test
    void theWindowHoldsAtMostMaximumCallsInFlightAndTheTaskWaitsParked() throws Exception {
        runner = invokeRunner();
        runner.setProperty(InvokeTencentOCR.MAXIMUM_CALLS_IN_FLIGHT, "3");
        enqueueImages(5, "image-");

        // three calls start; the fourth trigger finds the window full, waits for room (a second), takes nothing
        runner.run(4, false);

        assertEquals(3, answers.awaitArrivals(3));
        assertEquals(2, runner.getQueueSize().getObjectCount());
        assertEquals(3, window().calls());
        answerOneByOne(3, "GeneralBasicOCR");
        answers.release();
        runner.run(2, true, false);
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 5);
        assertEquals(3, answers.mostAtOnce());
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void theWindowHoldsAtMostMaximumBytesInFlightPlusOneRequest() throws Exception {
        runner = invokeRunner();
        runner.setProperty(InvokeTencentOCR.MAXIMUM_BYTES_IN_FLIGHT, "1 KB");
        final byte[] image = new byte[600]; // about 850 bytes of request body, Base64 and parameters
        image[0] = (byte) 0xFF;
        for (int i = 0; i < 4; i++) {
            runner.enqueue(image);
        }

        runner.run(3, false);

        assertEquals(2, answers.awaitArrivals(2));
        assertEquals(2, window().calls());
        assertTrue(window().bytes() > 1024);
        answerOneByOne(2, "GeneralBasicOCR");
        answers.release();
        runner.run(2, true, false);
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 4);
        assertEquals(2, answers.mostAtOnce());
    }

    @Test
    void aFaultInOneCallOfTheWindowLeavesTheOthersAlone() throws Exception {
        runner = invokeRunner();
        enqueueImages(4, "image-");
        runner.enqueue("FAULT:RequestLimitExceeded".getBytes(StandardCharsets.US_ASCII));

        runner.run(5, false);
        assertEquals(5, answers.awaitArrivals(5));
        answerOneByOne(5, "GeneralBasicOCR");
        stop();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 4);
        runner.assertTransferCount(InvokeTencentOCR.REL_RETRY, 1);
        final MockFlowFile throttled = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst();
        throttled.assertAttributeEquals(OcrAttributes.ERROR_CODE, "RequestLimitExceeded");
        assertTrue(throttled.isPenalized());
        for (final MockFlowFile answer : runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS)) {
            answer.assertAttributeNotExists(OcrAttributes.ERROR_CODE);
        }
        assertTrue(runner.isYieldCalled(), "throttling yields the processor");
        assertEquals(5, sends());
    }

    @Test
    void eachCallHasItsOwnCallTimeout() throws Exception {
        runner = invokeRunner(StandardTencentCloudClientService.CALL_TIMEOUT.getName(), "3 sec");
        enqueueImages(3, "image-");
        runner.enqueue("SILENT".getBytes(StandardCharsets.US_ASCII));

        runner.run(4, false);
        assertEquals(4, answers.awaitArrivals(4));
        // the other three are answered; the silent call ends at its Call Timeout
        answerOneByOne(3, "GeneralBasicOCR");
        await(() -> counter("GeneralBasicOCR " + CallCounters.REQUESTS_SENT) == 4, "the silent call timed out");
        stop();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 3);
        runner.assertTransferCount(InvokeTencentOCR.REL_RETRY, 1);
        runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CODE, TencentApiException.TIMEOUT);
        assertEquals(4, sends(), "the timed-out request reached the wire");
    }

    @Test
    void aBudgetSpentMidWindowLeavesTheRestQueued() throws Exception {
        runner = invokeRunner(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED.getName(), "true",
                StandardTencentCloudClientService.DAILY_BUDGET.getName(), "3");
        enqueueImages(5, "image-");

        runner.run(4, false);
        assertEquals(3, answers.awaitArrivals(3));
        assertTrue(runner.isYieldCalled(), "the fourth trigger found the budget spent");
        answerOneByOne(3, "GeneralBasicOCR");
        stop();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 3);
        runner.assertTransferCount(InvokeTencentOCR.REL_RETRY, 0);
        runner.assertTransferCount(InvokeTencentOCR.REL_FAILURE, 0);
        assertEquals(2, runner.getQueueSize().getObjectCount());
        assertEquals(3, server.getRequestCount());
        assertEquals(3L, counter("GeneralBasicOCR " + CallCounters.BILLABLE_CALLS));
    }

    @Test
    void stoppingWaitsForTheCallsOnTheWireAndLeavesTheRestQueuedForTheNextStart() throws Exception {
        runner = invokeRunner();
        runner.setProperty(InvokeTencentOCR.MAXIMUM_CALLS_IN_FLIGHT, "3");
        enqueueImages(5, "image-");
        runner.run(3, false);
        assertEquals(3, answers.awaitArrivals(3));

        final CompletableFuture<Void> stopped = CompletableFuture.runAsync(this::stop);
        Thread.sleep(300);
        assertFalse(stopped.isDone(), "the stop waits for the answers of the calls on the wire");
        answerOneByOne(3, "GeneralBasicOCR");
        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 3);
        assertEquals(2, runner.getQueueSize().getObjectCount());
        answers.release();
        runner.run(2);
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 5);
        runner.assertQueueEmpty();
        assertEquals(5, server.getRequestCount(), "nothing sent twice");
        assertEquals(5, sends());
    }

    @Test
    void aJobSubmitterKeepsItsSubmitsInFlight() throws Exception {
        runner = TestRunners.newTestRunner(SubmitTencentOCRJob.class);
        TestServices.addClientService(runner, server);
        runner.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        for (int i = 0; i < 6; i++) {
            runner.enqueue(TestDocuments.pdf(1));
        }

        runner.run(6, false);
        assertEquals(6, answers.awaitArrivals(6));
        answerOneByOne(6, "SubmitExtractDocAgentJob");
        stop();

        runner.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_SUCCESS, 6);
        assertEquals(6, answers.mostAtOnce());
        assertEquals(6, sends());
    }

    @Test
    void aJobStatusReaderKeepsItsPollsInFlight() throws Exception {
        runner = TestRunners.newTestRunner(GetTencentOCRJobStatus.class);
        TestServices.addClientService(runner, server);
        runner.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        for (int i = 0; i < 6; i++) {
            runner.enqueue(new byte[0], Map.of(OcrAttributes.JOB_ID, "job-" + i, OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJob"));
        }

        runner.run(6, false);
        assertEquals(6, answers.awaitArrivals(6));
        answerOneByOne(6, "DescribeExtractDocAgentJob");
        stop();

        runner.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_RUNNING, 6);
        assertEquals(6, answers.mostAtOnce());
    }

    private TestRunner invokeRunner(final String... serviceProperties) throws Exception {
        final TestRunner invoke = TestRunners.newTestRunner(InvokeTencentOCR.class);
        TestServices.addClientService(invoke, server, serviceProperties);
        invoke.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        invoke.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.GeneralBasicOCR.getValue());
        return invoke;
    }

    private void enqueueImages(final int count, final String prefix) {
        for (int i = 0; i < count; i++) {
            runner.enqueue((prefix + i).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Lets the held answers go one at a time, each routed and committed (its request counted) before the next. */
    private void answerOneByOne(final int count, final String action) throws InterruptedException {
        final long before = counter(action + " " + CallCounters.REQUESTS_SENT);
        for (int i = 1; i <= count; i++) {
            answers.releaseOne();
            final long expected = before + i;
            await(() -> counter(action + " " + CallCounters.REQUESTS_SENT) == expected, "answer " + expected + " committed");
        }
    }

    private void stop() {
        runner.unSchedule();
        runner.stop();
    }

    private CallWindow window() {
        final Processor processor = runner.getProcessor();
        return processor instanceof InvokeTencentOCR invoke ? invoke.calls().window() : ((AbstractTencentJobProcessor) processor).calls().window();
    }

    private long sends() {
        return runner.getProvenanceEvents().stream().filter(event -> event.getEventType() == ProvenanceEventType.SEND).count();
    }

    private long counter(final String name) {
        final Long value = runner.getCounterValue(name);
        return value == null ? 0 : value;
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting: " + what);
            Thread.sleep(20);
        }
    }

    /**
     * Plays Tencent holding every answer until released: an image that decodes to FAULT:code is answered with that error,
     * one that decodes to SILENT is held 5 s without waiting for a release; job Actions are answered as submitted or running.
     */
    private static final class HeldAnswers extends Dispatcher {
        private final Semaphore released = new Semaphore(0);
        private final AtomicInteger arrived = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public MockResponse dispatch(final RecordedRequest request) throws InterruptedException {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            arrived.incrementAndGet();
            try {
                final String image = image(request.getBody() == null ? "" : request.getBody().utf8());
                if (image.startsWith("SILENT")) {
                    return new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build();
                }
                released.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (image.startsWith("FAULT:")) {
                    return new MockResponse.Builder().body(Fixtures.text("error-" + image.substring("FAULT:".length()) + ".json")).build();
                }
                final String action = request.getHeaders().get("X-TC-Action");
                if (action != null && action.startsWith("Submit")) {
                    return new MockResponse.Builder().body("{\"Response\":{\"JobId\":\"job-" + arrived.get() + "\",\"RequestId\":\"r\"}}").build();
                }
                if (action != null && action.startsWith("Describe")) {
                    return new MockResponse.Builder().body("{\"Response\":{\"JobStatus\":\"RUN\",\"RequestId\":\"r\"}}").build();
                }
                return new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private static String image(final String body) {
            final int start = body.indexOf("\"ImageBase64\":\"");
            if (start < 0) {
                return "";
            }
            final int from = start + "\"ImageBase64\":\"".length();
            return new String(Base64.getDecoder().decode(body.substring(from, body.indexOf('"', from))), StandardCharsets.US_ASCII);
        }

        /** Waits until this many requests have arrived (at most the test's wait) and says how many did. */
        int awaitArrivals(final int count) throws InterruptedException {
            final Instant deadline = Instant.now().plus(WAIT);
            while (arrived.get() < count && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            // a moment for any request beyond the bound to show up
            Thread.sleep(200);
            return arrived.get();
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }

        void releaseOne() {
            released.release();
        }

        /** Lets every answer go, now and from now on. */
        void release() {
            released.release(10_000);
        }
    }
}
