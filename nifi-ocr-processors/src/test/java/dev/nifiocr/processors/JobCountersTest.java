package dev.nifiocr.processors;

import dev.nifiocr.document.TestDocuments;
import dev.nifiocr.request.TencentAction;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job processors count as InvokeTencentOCR does, and their FlowFiles on retry and failure carry the error category. */
class JobCountersTest {

    private static final String SUBMIT = "SubmitExtractDocAgentJob";
    private static final String DESCRIBE = "DescribeExtractDocAgentJob";
    private static final String RUNNING = "{\"Response\":{\"JobStatus\":\"%s\",\"ErrorCode\":\"\",\"ErrorMessage\":\"\",\"RequestId\":\"r-2\"}}";

    private final MockWebServer server = new MockWebServer();
    private TestRunner submit;
    private TestRunner status;

    @BeforeEach
    void setRunners() throws Exception {
        server.start();
        submit = TestServices.runner(SubmitTencentOCRJob.class, server);
        status = TestServices.runner(GetTencentOCRJobStatus.class, server);
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void submitsAddUpAsInvokeTencentOCRsCalls() {
        answer("{\"Response\":{\"JobId\":\"job-1\",\"RequestId\":\"r-1\"}}");
        answer(error("RequestLimitExceeded"));
        answer(error("FailedOperation.PDFParseFailed"));
        answer("{\"Response\":{\"RequestId\":\"r-1\"}}");
        for (int i = 0; i < 4; i++) {
            submit.enqueue(TestDocuments.pdf(1));
        }
        submit.enqueue(new byte[0]);

        submit.run(5);

        assertEquals(4L, counter(submit, SUBMIT, CallCounters.REQUESTS_SENT));
        assertEquals(1L, counter(submit, SUBMIT, CallCounters.SUCCEEDED));
        assertEquals(1L, counter(submit, SUBMIT, CallCounters.RETRIED));
        assertEquals(2L, counter(submit, SUBMIT, CallCounters.FAILED), "a parse failure and an answer without a job id");
        assertEquals(1L, counter(submit, SUBMIT, CallCounters.REFUSED_LOCALLY));
        assertEquals(1L, counter(submit, SUBMIT, CallCounters.JOBS_SUBMITTED));
        assertEquals(1L, submit.getCounterValue("Error RequestLimitExceeded"));
        assertEquals(1L, submit.getCounterValue("Error Client.NoJobId"));
        assertEquals(1L, submit.getCounterValue("Error Client.EmptyContent"));
        assertEquals(counter(submit, SUBMIT, CallCounters.REQUESTS_SENT), submit.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).count(), "one SEND per request sent");
        assertTrue(counter(submit, SUBMIT, CallCounters.BILLABLE_CALLS) >= 1, "the submit that created a job is billed");
        assertNull(submit.getCounterValue(SUBMIT + " Calls"), "the earlier name is gone");
        for (final MockFlowFile routed : submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_FAILURE)) {
            routed.assertAttributeExists(OcrAttributes.ERROR_CATEGORY);
        }
        submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_RETRY).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "THROTTLED");
    }

    @Test
    void aJobPolledThreeTimesRunsOnceAndIsDoneOnce() {
        answer(RUNNING.formatted("WAIT"));
        answer(RUNNING.formatted("RUN"));
        answer(error("RequestLimitExceeded"));
        answer(RUNNING.formatted("RUN"));
        answer(RUNNING.formatted("DONE"));
        MockFlowFile flowFile = poll(job(), GetTencentOCRJobStatus.REL_RUNNING);
        flowFile = poll(flowFile.getAttributes(), GetTencentOCRJobStatus.REL_RUNNING);
        flowFile = poll(flowFile.getAttributes(), GetTencentOCRJobStatus.REL_RETRY);
        flowFile.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "THROTTLED");
        flowFile = poll(flowFile.getAttributes(), GetTencentOCRJobStatus.REL_RUNNING);
        poll(flowFile.getAttributes(), GetTencentOCRJobStatus.REL_SUCCESS).assertAttributeNotExists(OcrAttributes.ERROR_CATEGORY);

        assertEquals(5L, counter(status, DESCRIBE, CallCounters.REQUESTS_SENT));
        assertEquals(4L, counter(status, DESCRIBE, CallCounters.SUCCEEDED));
        assertEquals(1L, counter(status, DESCRIBE, CallCounters.RETRIED));
        assertEquals(1L, counter(status, DESCRIBE, CallCounters.JOBS_RUNNING), "once per job, not per poll");
        assertEquals(1L, counter(status, DESCRIBE, CallCounters.JOBS_DONE));
        assertNull(status.getCounterValue(DESCRIBE + " Billable Calls"), "reading a job is not billed");
        assertNull(status.getCounterValue(DESCRIBE + " Running"), "the earlier per-poll name is gone");
    }

    @Test
    void aFailedJobIsAnAnswerFailedWithTheJobsCategory() {
        answer("{\"Response\":{\"JobStatus\":\"FAIL\",\"ErrorCode\":\"InternalError\",\"ErrorMessage\":\"engine down\",\"RequestId\":\"r\"}}");
        final MockFlowFile failed = poll(job(), GetTencentOCRJobStatus.REL_FAILURE);

        failed.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "TRANSIENT");
        assertEquals(1L, counter(status, DESCRIBE, CallCounters.FAILED));
        assertEquals(1L, counter(status, DESCRIBE, CallCounters.JOBS_FAILED));
        assertEquals(1L, status.getCounterValue("Error InternalError"));
    }

    @Test
    void refusalsBeforeAnyCallAreCountedAndCategorized() {
        final Map<String, String> notAJob = job();
        notAJob.put(OcrAttributes.JOB_ACTION, "GeneralBasicOCR");
        poll(notAJob, GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "INPUT");

        assertEquals(1L, status.getCounterValue("Job Status " + CallCounters.REFUSED_LOCALLY));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void jobCounterNamesFitTheCounterTable() {
        for (final TencentAction action : TencentAction.all()) {
            if (action.jobPartner() != null) {
                for (final CallCounters.Counter counter : CallCounters.VOCABULARY) {
                    final String name = counter.perAction() ? CallCounters.name(action.name(), counter.name()) : counter.name();
                    assertTrue(name.length() <= CallCounters.MAX_NAME_LENGTH, name);
                }
            }
        }
    }

    private MockFlowFile poll(final Map<String, String> attributes, final Relationship expected) {
        status.clearTransferState();
        status.enqueue("", attributes);
        status.run();
        status.assertAllFlowFilesTransferred(expected, 1);
        return status.getFlowFilesForRelationship(expected).getFirst();
    }

    private static long counter(final TestRunner runner, final String action, final String counter) {
        final Long value = runner.getCounterValue(CallCounters.name(action, counter));
        return value == null ? 0 : value;
    }

    private static Map<String, String> job() {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OcrAttributes.JOB_ID, "job-1");
        attributes.put(OcrAttributes.JOB_ACTION, DESCRIBE);
        attributes.put(OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis()));
        return attributes;
    }

    private static String error(final String code) {
        return "{\"Response\":{\"Error\":{\"Code\":\"%s\",\"Message\":\"m\"},\"RequestId\":\"r-e\"}}".formatted(code);
    }

    private void answer(final String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }
}
