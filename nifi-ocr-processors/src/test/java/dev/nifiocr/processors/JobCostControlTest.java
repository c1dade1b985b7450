package dev.nifiocr.processors;

import dev.nifiocr.document.TestDocuments;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate before the job processors' calls, through a real client service: SubmitTencentOCRJob spends the Daily Budget
 * (Tencent bills a job at submit) and leaves the rest queued when it is spent; GetTencentOCRJobStatus is never held by a
 * budget (reading a job is not billed); a per-Action rate limit holds for both.
 */
class JobCostControlTest {

    private static final String SUBMITTED = "{\"Response\":{\"JobId\":\"job-1\",\"RequestId\":\"r-1\"}}";
    private static final String RUNNING = "{\"Response\":{\"JobStatus\":\"RUN\",\"ErrorCode\":\"\",\"ErrorMessage\":\"\",\"RequestId\":\"r-2\"}}";
    // the smallest rate the service takes: one permit now, the next in 1000 s, far beyond the gate's wait of a second
    private static final String ONE_CALL = "0.001";

    private final MockWebServer server = new MockWebServer();
    private TestRunner submit;
    private TestRunner status;

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void aBudgetOfOneSubmitsOneJobAndLeavesTheOtherQueued() throws Exception {
        submit = TestServices.runner(SubmitTencentOCRJob.class, server, "Daily Budget Enabled", "true", "Daily Budget", "1");
        answer(SUBMITTED);
        answer(SUBMITTED);
        submit.enqueue(TestDocuments.pdf(1));
        submit.enqueue(TestDocuments.pdf(1));

        submit.run(3);

        assertEquals(1, server.getRequestCount());
        submit.assertTransferCount(SubmitTencentOCRJob.REL_SUCCESS, 1);
        assertEquals(1, submit.getQueueSize().getObjectCount());
        assertTrue(submit.isYieldCalled());
        assertEquals(1L, submit.getCounterValue("SubmitExtractDocAgentJob Billable Calls"));
        submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_SUCCESS).getFirst().assertAttributeEquals(OcrAttributes.BILLABLE, "true");
    }

    @Test
    void aSubmitTencentDoesNotBillGivesItsBudgetBack() throws Exception {
        submit = TestServices.runner(SubmitTencentOCRJob.class, server, "Daily Budget Enabled", "true", "Daily Budget", "1");
        // a refused signature is attributed to no account: nobody is billed for it
        answer("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\",\"Message\":\"bad\"},\"RequestId\":\"r-e\"}}");
        answer(SUBMITTED);
        submit.enqueue(new byte[0]); // refused before any request: never billed
        submit.enqueue(TestDocuments.pdf(1));
        submit.enqueue(TestDocuments.pdf(1));

        submit.run(4);

        assertEquals(2, server.getRequestCount());
        submit.assertTransferCount(SubmitTencentOCRJob.REL_FAILURE, 2);
        submit.assertTransferCount(SubmitTencentOCRJob.REL_SUCCESS, 1);
        submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_FAILURE).forEach(failed -> failed.assertAttributeExists(OcrAttributes.ERROR_CATEGORY));
        assertEquals(1L, submit.getCounterValue("SubmitExtractDocAgentJob Billable Calls"));
    }

    @Test
    void readingJobsIsNotHeldByASpentBudget() throws Exception {
        status = TestServices.runner(GetTencentOCRJobStatus.class, server, "Daily Budget Enabled", "true", "Daily Budget", "0");

        pollTwoJobs(2);

        assertEquals(2, server.getRequestCount());
        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_RUNNING, 2);
        assertNull(status.getCounterValue("DescribeExtractDocAgentJob Billable Calls"));
    }

    @Test
    void aRateLimitOnTheSubmitActionHolds() throws Exception {
        submit = TestServices.runner(SubmitTencentOCRJob.class, server, "SubmitExtractDocAgentJob", ONE_CALL);
        answer(SUBMITTED);
        answer(SUBMITTED);
        submit.enqueue(TestDocuments.pdf(1));
        submit.enqueue(TestDocuments.pdf(1));

        submit.run(2);

        assertEquals(1, server.getRequestCount());
        assertEquals(1, submit.getQueueSize().getObjectCount());
        assertTrue(submit.isYieldCalled());
    }

    /**
     * With the Action named by each FlowFile (the default), the first call learns it and the next ones take its permit
     * before the FlowFile; with the Action set on the processor, every call does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"${tencent.ocr.job.action}", "DescribeExtractDocAgentJob"})
    void aRateLimitOnTheStatusActionHolds(final String jobStatusAction) throws Exception {
        status = TestServices.runner(GetTencentOCRJobStatus.class, server, "DescribeExtractDocAgentJob", ONE_CALL);
        status.setProperty(GetTencentOCRJobStatus.JOB_STATUS_ACTION, jobStatusAction);

        pollTwoJobs(3);

        assertEquals(1, server.getRequestCount());
        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_RUNNING, 1);
        assertEquals(1, status.getQueueSize().getObjectCount());
        assertTrue(status.isYieldCalled());
    }

    private void pollTwoJobs(final int triggers) {
        answer(RUNNING);
        answer(RUNNING);
        status.enqueue("", job("job-1"));
        status.enqueue("", job("job-2"));
        status.run(triggers);
    }

    private void answer(final String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }

    private static Map<String, String> job(final String id) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OcrAttributes.JOB_ID, id);
        attributes.put(OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJob");
        attributes.put(OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis()));
        return attributes;
    }
}
