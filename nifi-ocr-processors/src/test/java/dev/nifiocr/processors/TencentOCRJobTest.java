package dev.nifiocr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.document.TestDocuments;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SubmitTencentOCRJob and GetTencentOCRJobStatus against a MockWebServer answering as Tencent does. */
class TencentOCRJobTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String RUNNING = "{\"Response\":{\"JobStatus\":\"RUN\",\"ErrorCode\":\"\",\"ErrorMessage\":\"\",\"RequestId\":\"r-2\"}}";
    // A result over several pages: every group of every page must reach the FlowFile.
    private static final String DONE = """
            {"Response":{"JobStatus":"DONE","ErrorCode":"","ErrorMessage":"","Angle":0,"ThoughtContent":"",
             "StructuralList":[
              {"Groups":[{"Lines":[{"Key":{"AutoName":"Invoice Number"},"Value":{"AutoContent":"No. 001","PageIndex":"1"}}]}]},
              {"Groups":[{"Lines":[{"Key":{"AutoName":"Total"},"Value":{"AutoContent":"1,024.00","PageIndex":"37"}}]}]}],
             "RequestId":"r-3"}}""";

    private MockWebServer server;
    private TestRunner submit;
    private TestRunner status;

    @BeforeEach
    void setRunners() throws Exception {
        server = new MockWebServer();
        server.start();
        submit = TestServices.runner(SubmitTencentOCRJob.class, server);
        status = TestServices.runner(GetTencentOCRJobStatus.class, server);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    @Test
    void submitsThePdfAndFollowsTheJobToItsWholeResult() throws Exception {
        final byte[] pdf = TestDocuments.pdf(3);
        submit.setProperty("FileStartPageNumber", "1");
        submit.setProperty("FileEndPageNumber", "${last.page}");
        answer("{\"Response\":{\"JobId\":\"1334797167793684480\",\"RequestId\":\"r-1\"}}");
        submit.enqueue(pdf, Map.of("filename", "contract.pdf", "last.page", "3", "fragment.identifier", "page-of-a-bigger-document"));
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_SUCCESS, 1);
        final MockFlowFile submitted = submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_SUCCESS).getFirst();
        submitted.assertContentEquals(pdf);
        submitted.assertAttributeEquals(OcrAttributes.JOB_ID, "1334797167793684480");
        submitted.assertAttributeEquals(OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJob");
        submitted.assertAttributeEquals(OcrAttributes.ACTION, "SubmitExtractDocAgentJob");
        submitted.assertAttributeEquals(OcrAttributes.REQUEST_ID, "r-1");
        // one job: the FlowFile's own fragment attributes (say, of a page) are left alone
        submitted.assertAttributeEquals("fragment.identifier", "page-of-a-bigger-document");
        assertTrue(Long.parseLong(submitted.getAttribute(OcrAttributes.JOB_SUBMITTED)) > 0);
        final RecordedRequest submitRequest = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("SubmitExtractDocAgentJob", submitRequest.getHeaders().get("X-TC-Action"));
        assertNull(SignatureVerifier.verify(submitRequest, TestServices.SECRET_ID, TestServices.SECRET_KEY));
        final JsonNode body = OBJECT_MAPPER.readTree(submitRequest.getBody().toByteArray());
        assertArrayEquals(pdf, Base64.getDecoder().decode(body.path("ImageBase64").asText()));
        assertEquals(3, body.path("FileEndPageNumber").asInt());
        assertEquals(1, submit.getCounterValue("SubmitExtractDocAgentJob Jobs Submitted"));

        answer(RUNNING);
        status.enqueue(pdf, submitted.getAttributes());
        status.run();
        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_RUNNING, 1);
        final MockFlowFile running = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_RUNNING).getFirst();
        assertTrue(running.isPenalized());
        running.assertAttributeEquals(OcrAttributes.JOB_STATUS, "RUN");
        running.assertContentEquals(pdf);
        final RecordedRequest describe = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("DescribeExtractDocAgentJob", describe.getHeaders().get("X-TC-Action"));
        assertEquals("{\"JobId\":\"1334797167793684480\"}", describe.getBody().utf8());

        status.clearTransferState();
        answer(DONE);
        status.enqueue(pdf, running.getAttributes());
        status.run();
        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_SUCCESS, 1);
        final MockFlowFile result = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_SUCCESS).getFirst();
        result.assertContentEquals(DONE);
        result.assertAttributeEquals(OcrAttributes.JOB_STATUS, "DONE");
        result.assertAttributeEquals("mime.type", "application/json");
        result.assertAttributeEquals("filename", "contract.json");
        assertEquals(1, status.getCounterValue("DescribeExtractDocAgentJob Jobs Done"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LimitExceeded", "RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded"})
    void atTencentsLimitTheSubmitWaitsInsteadOfFailing(final String code) {
        answer(error(code, "too many jobs"));
        submit.enqueue(TestDocuments.pdf(1));
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_RETRY, 1);
        final MockFlowFile retried = submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_RETRY).getFirst();
        assertTrue(retried.isPenalized());
        assertTrue(submit.isYieldCalled());
        retried.assertAttributeEquals(OcrAttributes.ERROR_CODE, code);
        retried.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "THROTTLED");
        retried.assertAttributeNotExists(OcrAttributes.JOB_ID);
    }

    @Test
    void badInputFailsTheSubmit() {
        answer(error("FailedOperation.PDFParseFailed", "PDF解析失败。"));
        submit.enqueue(TestDocuments.pdf(1));
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_FAILURE, 1);
        submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_FAILURE).getFirst()
                .assertAttributeEquals(OcrAttributes.ERROR_CODE, "FailedOperation.PDFParseFailed");
    }

    @Test
    void severalJobsFromOneSubmitBecomeOneFlowFileEach() throws Exception {
        submit.setProperty(SubmitTencentOCRJob.JOB_ACTION, "SubmitMarkEssayAgentJob");
        submit.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.PARAMETERS_ONLY.getValue());
        submit.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"ImageUrlList\": [\"https://example.com/a.jpg\", \"https://example.com/b.jpg\"]}");
        answer("{\"Response\":{\"JobIds\":[\"job-a\",\"job-b\"],\"RequestId\":\"r-1\"}}");
        submit.enqueue("");
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_SUCCESS, 2);
        final List<String> ids = submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_SUCCESS).stream()
                .map(f -> f.getAttribute(OcrAttributes.JOB_ID)).sorted().toList();
        assertEquals(List.of("job-a", "job-b"), ids);
        final List<MockFlowFile> jobs = submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_SUCCESS);
        jobs.forEach(f -> f.assertAttributeEquals(OcrAttributes.JOB_ACTION, "DescribeMarkEssayAgentJob"));
        jobs.forEach(f -> f.assertAttributeEquals("fragment.count", "2"));
        assertEquals(1, jobs.stream().map(f -> f.getAttribute("fragment.identifier")).distinct().count());
        assertEquals(List.of("0:job-a", "1:job-b"), jobs.stream()
                .map(f -> f.getAttribute("fragment.index") + ":" + f.getAttribute(OcrAttributes.JOB_ID)).sorted().toList());
        assertEquals("SubmitMarkEssayAgentJob", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-TC-Action"));
    }

    @Test
    void submitAnswerWithoutAJobIdFails() {
        answer("{\"Response\":{\"RequestId\":\"r-1\"}}");
        submit.enqueue(TestDocuments.pdf(1));
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_FAILURE, 1);
        submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_FAILURE).getFirst()
                .assertAttributeEquals(OcrAttributes.ERROR_CODE, SubmitTencentOCRJob.NO_JOB_ID);
    }

    @Test
    void onlySubmitActionsAreOffered() {
        submit.setProperty(SubmitTencentOCRJob.JOB_ACTION, "DescribeExtractDocAgentJob");
        submit.assertNotValid();
        submit.setProperty(SubmitTencentOCRJob.JOB_ACTION, "GeneralBasicOCR");
        submit.assertNotValid();
        for (final String action : List.of("SubmitExtractDocAgentJob", "SubmitMarkEssayAgentJob", "SubmitQuestionMarkAgentJob", "SubmitQuestionSplitJob")) {
            submit.setProperty(SubmitTencentOCRJob.JOB_ACTION, action);
            submit.assertValid();
        }
    }

    @Test
    void failedJobGoesToFailureWithItsOwnCode() {
        answer("{\"Response\":{\"JobStatus\":\"FAIL\",\"ErrorCode\":\"FailedOperation.PDFParseFailed\",\"ErrorMessage\":\"PDF解析失败\",\"RequestId\":\"r\"}}");
        status.enqueue("", job("DescribeExtractDocAgentJob"));
        status.run();

        final MockFlowFile failed = assertOnly(GetTencentOCRJobStatus.REL_FAILURE);
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, "FailedOperation.PDFParseFailed");
        failed.assertAttributeEquals(OcrAttributes.ERROR_MESSAGE, "PDF解析失败");
        failed.assertAttributeEquals(OcrAttributes.JOB_STATUS, "FAIL");
        assertFalse(failed.isPenalized());
    }

    @Test
    void failedJobWithoutACodeGetsOne() {
        answer("{\"Response\":{\"JobStatus\":\"FAIL\",\"ErrorCode\":\"\",\"ErrorMessage\":\"\",\"RequestId\":\"r\"}}");
        status.enqueue("", job("DescribeExtractDocAgentJob"));
        status.run();

        assertOnly(GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CODE, GetTencentOCRJobStatus.JOB_FAILED);
    }

    /** Tencent documents no code for a job it no longer knows; whatever parameter or resource error it answers is final. */
    @ParameterizedTest
    @ValueSource(strings = {"InvalidParameterValue.InvalidParameterValueLimit", "InvalidParameter", "ResourceNotFound", "ResourceNotFound.JobNotExist"})
    void jobTencentForgotGoesToFailure(final String code) {
        answer(error(code, "job not found"));
        status.enqueue("", job("DescribeExtractDocAgentJob"));
        status.run();

        assertOnly(GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CODE, code);
    }

    @Test
    void passingFaultOfTheStatusCallIsRetried() {
        answer(error("InternalError", "busy"));
        status.enqueue("", job("DescribeExtractDocAgentJob"));
        status.run();

        assertTrue(assertOnly(GetTencentOCRJobStatus.REL_RETRY).isPenalized());
    }

    @Test
    void unknownJobStatusFailsRatherThanLoops() {
        answer("{\"Response\":{\"JobStatus\":\"PAUSED\",\"RequestId\":\"r\"}}");
        status.enqueue("", job("DescribeExtractDocAgentJob"));
        status.run();

        assertOnly(GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CODE, GetTencentOCRJobStatus.UNKNOWN_JOB_STATUS);
    }

    @Test
    void jobRunningLongerThanAllowedFailsWithoutACall() {
        status.setProperty(GetTencentOCRJobStatus.MAXIMUM_JOB_DURATION, "1 min");
        final Map<String, String> attributes = job("DescribeExtractDocAgentJob");
        attributes.put(OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(2)));
        status.enqueue("", attributes);
        status.run();

        assertOnly(GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CODE, GetTencentOCRJobStatus.JOB_TIMED_OUT);
        assertEquals(0, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GeneralBasicOCR", "SubmitExtractDocAgentJob", "", "Describe"})
    void actionThatReadsNoJobFailsWithoutACall(final String action) {
        status.enqueue("", job(action));
        status.run();

        assertOnly(GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.INVALID_REQUEST);
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void flowFileWithoutAJobIdFailsWithoutACall() {
        status.enqueue("", Map.of(OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJob"));
        status.run();

        assertOnly(GetTencentOCRJobStatus.REL_FAILURE).assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.INVALID_REQUEST);
        assertEquals(0, server.getRequestCount());
    }

    private MockFlowFile assertOnly(final org.apache.nifi.processor.Relationship relationship) {
        status.assertAllFlowFilesTransferred(relationship, 1);
        return status.getFlowFilesForRelationship(relationship).getFirst();
    }

    private static Map<String, String> job(final String action) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OcrAttributes.JOB_ID, "1334797167793684480");
        attributes.put(OcrAttributes.JOB_ACTION, action);
        attributes.put(OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis()));
        return attributes;
    }

    private static String error(final String code, final String message) {
        return "{\"Response\":{\"Error\":{\"Code\":\"%s\",\"Message\":\"%s\"},\"RequestId\":\"r-e\"}}".formatted(code, message);
    }

    private void answer(final String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }
}
