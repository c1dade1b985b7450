package dev.nifiocr.processors;

import dev.nifiocr.cache.InMemoryMapCache;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Billable outcomes, the Result Cache and the daily budget, through InvokeTencentOCR and a real client service. */
class InvokeTencentOCRCostTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
    private static final byte[] OTHER_JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 4};
    private static final String NO_TEXT = "{\"Response\":{\"Error\":{\"Code\":\"FailedOperation.ImageNoText\",\"Message\":\"no text\"},\"RequestId\":\"r-no-text\"}}";

    private MockWebServer server;
    private TestRunner runner;
    private final InMemoryMapCache cache = new InMemoryMapCache();

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestRunners.newTestRunner(InvokeTencentOCR.class);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    private StandardTencentCloudClientService service(final String... properties) throws Exception {
        final StandardTencentCloudClientService service = TestServices.addClientService(runner, server, properties);
        runner.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        return service;
    }

    private void withCache() throws Exception {
        runner.addControllerService("cache", cache);
        runner.enableControllerService(cache);
        runner.setProperty(InvokeTencentOCR.RESULT_CACHE, "cache");
    }

    private void answer(final String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }

    @Test
    void marksResultsBillableAndNoTextNot() throws Exception {
        service();
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        answer(NO_TEXT);
        runner.enqueue(JPEG);
        runner.enqueue(OTHER_JPEG);

        runner.run(2);

        final List<MockFlowFile> answers = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS);
        assertEquals(2, answers.size());
        answers.get(0).assertAttributeEquals(OcrAttributes.BILLABLE, "true");
        answers.get(1).assertAttributeEquals(OcrAttributes.BILLABLE, "false");
        runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_ORIGINAL).getFirst().assertAttributeEquals(OcrAttributes.BILLABLE, "true");
        assertEquals(1L, runner.getCounterValue("GeneralBasicOCR Billable Calls"));
        assertEquals(2L, runner.getCounterValue("GeneralBasicOCR Requests Sent"));
    }

    @Test
    void aRetriedTimeoutCountsAsBilled() throws Exception {
        service();
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).body("{}").build());
        runner.enqueue(JPEG);

        runner.run();

        final MockFlowFile retried = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst();
        retried.assertAttributeEquals(OcrAttributes.BILLABLE, "true");
        assertEquals(1L, runner.getCounterValue("GeneralBasicOCR Billable Calls"));
    }

    @Test
    void theSameImageTwiceCostsOneCall() throws Exception {
        service();
        withCache();
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        runner.enqueue(JPEG, Map.of("filename", "a.jpg"));
        // a retried FlowFile: what its earlier try left must not describe the cached answer
        runner.enqueue(JPEG, Map.of("filename", "b.jpg", OcrAttributes.REQUEST_ID, "earlier-try", OcrAttributes.ERROR_CODE, "Client.Timeout"));

        runner.run(2);

        assertEquals(1, server.getRequestCount());
        final List<MockFlowFile> answers = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS);
        assertEquals(2, answers.size());
        answers.get(0).assertAttributeEquals(OcrAttributes.CACHE_HIT, "false");
        answers.get(1).assertAttributeEquals(OcrAttributes.CACHE_HIT, "true");
        answers.get(1).assertAttributeEquals(OcrAttributes.BILLABLE, "false");
        answers.get(1).assertAttributeEquals("filename", "b.json");
        answers.get(1).assertAttributeNotExists(OcrAttributes.REQUEST_ID);
        answers.get(1).assertAttributeNotExists(OcrAttributes.ERROR_CODE);
        answers.get(1).assertContentEquals(Fixtures.bytes("GeneralBasicOCR-1.json"));
        runner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 2);
        assertEquals(1L, runner.getCounterValue("Cache Hits"));
        assertEquals(1L, runner.getCounterValue("Cache Misses"));
        assertEquals(1L, runner.getCounterValue("GeneralBasicOCR Requests Sent"));
    }

    @Test
    void anotherParameterIsAnotherEntry() throws Exception {
        service();
        withCache();
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        runner.setProperty("LanguageType", "${lang}");
        runner.enqueue(JPEG, Map.of("lang", "zh"));
        runner.enqueue(JPEG, Map.of("lang", "auto"));

        runner.run(2);

        assertEquals(2, server.getRequestCount());
        assertEquals(2, cache.size());
        assertEquals(2L, runner.getCounterValue("Cache Misses"));
    }

    @Test
    void failuresAndAnswersOverTheMaximumAreNotKept() throws Exception {
        service();
        withCache();
        answer(NO_TEXT);
        runner.enqueue(JPEG);
        runner.run();
        assertEquals(0, cache.size());

        runner.setProperty(InvokeTencentOCR.MAXIMUM_CACHED_ANSWER_SIZE, "10 B");
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        runner.enqueue(JPEG);
        runner.run();

        assertEquals(0, cache.size());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void encryptedRequestsAreNeverCached() throws Exception {
        service();
        withCache();
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, "RecognizeEncryptedIDCardOCR");
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON);
        final byte[] request = "{\"EncryptedBody\":\"AAAA\",\"Encryption\":{\"Algorithm\":\"AES-256-CBC\",\"CiphertextBlob\":\"x\",\"Iv\":\"y\"}}"
                .getBytes(StandardCharsets.UTF_8);
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        runner.enqueue(request);
        runner.enqueue(request);

        runner.run(2);

        assertEquals(2, server.getRequestCount());
        assertEquals(0, cache.size());
        assertNull(runner.getCounterValue("Cache Misses"));
        runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).forEach(answer -> answer.assertAttributeNotExists(OcrAttributes.CACHE_HIT));
    }

    @Test
    void aCacheThatIsDownMeansCallingTencentWithOneWarning() throws Exception {
        service();
        withCache();
        cache.setDown(true);
        for (int i = 0; i < 3; i++) {
            answer(Fixtures.text("GeneralBasicOCR-1.json"));
            runner.enqueue(JPEG);
        }

        runner.run(3);

        assertEquals(3, server.getRequestCount());
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 3);
        runner.assertTransferCount(InvokeTencentOCR.REL_FAILURE, 0);
        final List<LogMessage> warnings = runner.getLogger().getWarnMessages().stream()
                .filter(message -> message.getMsg().contains("Result cache failed")).toList();
        assertEquals(1, warnings.size());

        cache.setDown(false);
        runner.enqueue(JPEG);
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        runner.run();
        assertEquals(1, cache.size());
    }

    @Test
    void stopsAtTheBudgetMidBatchAndLeavesTheRestQueued() throws Exception {
        final StandardTencentCloudClientService service = service(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED.getName(), "true", StandardTencentCloudClientService.DAILY_BUDGET.getName(), "3");
        answer(NO_TEXT);
        for (int i = 0; i < 3; i++) {
            answer(Fixtures.text("GeneralBasicOCR-1.json"));
        }
        runner.enqueue(OTHER_JPEG); // no text: not billed, does not use the budget
        for (int i = 0; i < 6; i++) {
            runner.enqueue(JPEG);
        }

        runner.run(10);

        assertEquals(4, server.getRequestCount());
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 4);
        runner.assertTransferCount(InvokeTencentOCR.REL_FAILURE, 0);
        runner.assertTransferCount(InvokeTencentOCR.REL_RETRY, 0);
        runner.assertQueueNotEmpty();
        assertEquals(3, runner.getQueueSize().getObjectCount());
        assertEquals(3L, runner.getCounterValue("GeneralBasicOCR Billable Calls"));
        final List<LogMessage> spent = runner.getControllerServiceLogger(TestServices.SERVICE_ID).getWarnMessages().stream()
                .filter(message -> message.getMsg().contains("daily budget of 3 billable calls")).toList();
        assertEquals(1, spent.size(), "one bulletin, not one per yield");
        assertTrue(spent.getFirst().getMsg().contains("Asia/Shanghai"), spent.getFirst().getMsg());

        final ConfigVerificationResult usage = runner.verify(service, Map.of()).getLast();
        assertEquals("Daily Budget", usage.getVerificationStepName());
        assertTrue(usage.getExplanation().contains("all Actions: 3 of 3 billable calls"), usage.getExplanation());
    }

    @Test
    void raisingTheBudgetLetsTheQueueThrough() throws Exception {
        final StandardTencentCloudClientService service = service(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED.getName(), "true", StandardTencentCloudClientService.DAILY_BUDGET.getName(), "1");
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        runner.enqueue(JPEG);
        runner.enqueue(JPEG);
        runner.run(3);
        assertEquals(1, runner.getQueueSize().getObjectCount());

        runner.disableControllerService(service);
        runner.setProperty(service, StandardTencentCloudClientService.DAILY_BUDGET, "2");
        runner.enableControllerService(service);
        runner.run(3);

        assertEquals(0, runner.getQueueSize().getObjectCount());
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 2);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void cacheHitsDoNotUseTheBudget() throws Exception {
        service(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED.getName(), "true", StandardTencentCloudClientService.DAILY_BUDGET.getName(), "2");
        withCache();
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        answer(Fixtures.text("GeneralBasicOCR-1.json"));
        for (int i = 0; i < 4; i++) {
            runner.enqueue(JPEG);
        }
        runner.enqueue(OTHER_JPEG);
        runner.enqueue("third image".getBytes(StandardCharsets.UTF_8));

        runner.run(8);

        // one call for JPEG, three hits, one call for OTHER_JPEG: the budget of 2 is spent, the third image waits
        assertEquals(2, server.getRequestCount());
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 5);
        assertEquals(3L, runner.getCounterValue("Cache Hits"));
        assertEquals(1, runner.getQueueSize().getObjectCount());
    }

    @Test
    void refusesBudgetsThatAreNotActionEqualsCalls() throws Exception {
        final StandardTencentCloudClientService service = service();
        runner.disableControllerService(service);
        runner.setProperty(service, StandardTencentCloudClientService.DAILY_BUDGET_ENABLED, "true");
        runner.setProperty(service, StandardTencentCloudClientService.DAILY_BUDGET_PER_ACTION, "IDCardOCR=lots");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.DAILY_BUDGET_PER_ACTION, "IDCardOCR=500, GeneralBasicOCR=0");
        runner.setProperty(service, StandardTencentCloudClientService.BUDGET_TIME_ZONE, "Mars/Olympus");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.BUDGET_TIME_ZONE, "UTC");
        runner.assertValid(service);
    }
}
