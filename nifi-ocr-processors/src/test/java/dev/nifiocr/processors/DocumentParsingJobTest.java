package dev.nifiocr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.document.TestDocuments;
import dev.nifiocr.request.LkeapAction;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lkeap's document parsing pair through SubmitTencentOCRJob and GetTencentOCRJobStatus, against a MockWebServer. */
class DocumentParsingJobTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final byte[] ZIP = {'P', 'K', 3, 4, 'm', 'a', 'r', 'k', 'd', 'o', 'w', 'n'};

    private MockWebServer server;
    private TestRunner submit;
    private TestRunner status;

    @BeforeEach
    void setRunners() throws Exception {
        server = new MockWebServer();
        server.start();
        submit = TestServices.runner(SubmitTencentOCRJob.class, server);
        submit.setProperty(SubmitTencentOCRJob.JOB_ACTION, LkeapAction.CreateReconstructDocumentFlow.name());
        status = TestServices.runner(GetTencentOCRJobStatus.class, server, "Maximum Answer Size", "1 KB");
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void submitsThePdfToLkeapSignedForLkeap() throws Exception {
        final byte[] pdf = TestDocuments.pdf(2);
        submit.setProperty("FileEndPageNumber", "2");
        answer("{\"Response\":{\"TaskId\":\"task-42\",\"RequestId\":\"r-1\"}}");
        submit.enqueue(pdf, Map.of("filename", "contract.pdf"));
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_SUCCESS, 1);
        final MockFlowFile submitted = submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_SUCCESS).getFirst();
        submitted.assertContentEquals(pdf);
        submitted.assertAttributeEquals(OcrAttributes.JOB_ID, "task-42");
        submitted.assertAttributeEquals(OcrAttributes.JOB_ACTION, "GetReconstructDocumentResult");
        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("CreateReconstructDocumentFlow", request.getHeaders().get("X-TC-Action"));
        assertEquals("2024-05-22", request.getHeaders().get("X-TC-Version"));
        assertNull(SignatureVerifier.verify(request, TestServices.SECRET_ID, TestServices.SECRET_KEY, "lkeap"));
        final JsonNode body = OBJECT_MAPPER.readTree(request.getBody().toByteArray());
        assertEquals("PDF", body.path("FileType").asText());
        assertArrayEquals(pdf, Base64.getDecoder().decode(body.path("FileBase64").asText()));
        assertTrue(body.path("ImageBase64").isMissingNode());
        assertEquals(2, body.path("FileEndPageNumber").asInt());
    }

    @Test
    void aFileOfUnknownTypeWithoutFileTypeFailsBeforeAnyCall() {
        submit.enqueue("plain words".getBytes());
        submit.run();

        submit.assertAllFlowFilesTransferred(SubmitTencentOCRJob.REL_FAILURE, 1);
        submit.getFlowFilesForRelationship(SubmitTencentOCRJob.REL_FAILURE).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CODE, "Client.InvalidRequest");
        assertEquals(0, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WaitExecute", "Processing", "Pause"})
    void aJobNotYetDoneLoopsOnRunning(final String state) throws Exception {
        answer("{\"Response\":{\"Status\":\"%s\",\"RequestId\":\"r-2\"}}".formatted(state));
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_RUNNING, 1);
        final MockFlowFile running = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_RUNNING).getFirst();
        assertTrue(running.isPenalized());
        running.assertAttributeEquals(OcrAttributes.JOB_STATUS, state);
        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GetReconstructDocumentResult", request.getHeaders().get("X-TC-Action"));
        assertEquals("{\"TaskId\":\"task-42\"}", request.getBody().utf8());
        assertNull(SignatureVerifier.verify(request, TestServices.SECRET_ID, TestServices.SECRET_KEY, "lkeap"));
    }

    @Test
    void aFinishedJobBecomesItsResultZip() throws Exception {
        answer(success(server.url("/result/task-42.zip?sign=secret").toString()));
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(ZIP)).build());
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_SUCCESS, 1);
        final MockFlowFile result = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_SUCCESS).getFirst();
        result.assertContentEquals(ZIP);
        result.assertAttributeEquals("mime.type", "application/zip");
        result.assertAttributeEquals(OcrAttributes.JOB_STATUS, "Success");
        result.assertAttributeEquals("tencent.ocr.job.usage.PageNumber", "3");
        result.assertAttributeEquals("tencent.ocr.job.usage.SuccessPageNum", "2");
        result.assertAttributeEquals("tencent.ocr.job.failed.pages", "2");
        server.takeRequest(5, TimeUnit.SECONDS);
        final RecordedRequest download = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GET", download.getMethod());
        assertEquals("/result/task-42.zip?sign=secret", download.getTarget());
        assertNull(download.getHeaders().get("Authorization"), "the download carries no credentials");
        final String transitUri = status.getProvenanceEvents().getLast().getTransitUri();
        assertEquals(server.url("/result/task-42.zip").toString(), transitUri, "provenance names the file, not its signed query");
    }

    @Test
    void aResultZipOverTheAnswerCapFails() {
        answer(success(server.url("/result/big.zip").toString()));
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[4096])).build());
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_FAILURE, 1);
        final MockFlowFile failed = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, "Client.AnswerTooLarge");
        failed.assertContentEquals("pdf");
    }

    @Test
    void anExpiredResultLinkIsRetriedForAFreshOne() {
        answer(success(server.url("/result/expired.zip").toString()));
        server.enqueue(new MockResponse.Builder().code(403).body("<Error><Code>AccessDenied</Code></Error>").build());
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_RETRY, 1);
        final MockFlowFile retried = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_RETRY).getFirst();
        retried.assertAttributeEquals(OcrAttributes.ERROR_CODE, "Client.DownloadFailed");
        assertTrue(retried.isPenalized());
        retried.assertContentEquals("pdf");
    }

    @Test
    void aFinishedJobWithoutResultUrlFails() {
        answer("{\"Response\":{\"Status\":\"Success\",\"RequestId\":\"r-3\"}}");
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_FAILURE, 1);
        status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_FAILURE).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CODE, "Client.NoResultUrl");
    }

    @Test
    void aPlainHttpResultUrlToAnotherHostIsRefused() {
        answer(success("http://files.example.com/result.zip"));
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_FAILURE, 1);
        status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_FAILURE).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CODE, "Client.DownloadRefused");
        assertEquals(1, server.getRequestCount(), "nothing fetched");
    }

    @Test
    void aFailedJobFailsWithItsErrorCode() {
        answer("{\"Response\":{\"Status\":\"Failed\",\"Error\":{\"Code\":\"FailedOperation.FileDecodeFailed\",\"Message\":\"bad file\"},\"RequestId\":\"r-4\"}}");
        status.enqueue("pdf", job());
        status.run();

        status.assertAllFlowFilesTransferred(GetTencentOCRJobStatus.REL_FAILURE, 1);
        final MockFlowFile failed = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, "FailedOperation.FileDecodeFailed");
        failed.assertAttributeEquals(OcrAttributes.ERROR_MESSAGE, "bad file");
        failed.assertAttributeEquals(OcrAttributes.JOB_STATUS, "Failed");
    }

    private static String success(final String url) {
        return ("{\"Response\":{\"Status\":\"Success\",\"DocumentRecognizeResultUrl\":\"%s\",\"FailedPages\":[{\"PageNumber\":2}],"
                + "\"Usage\":{\"PageNumber\":3,\"TotalTokens\":100,\"SuccessPageNum\":2,\"FailPageNum\":1,\"FileSize\":2048},\"RequestId\":\"r-3\"}}").formatted(url);
    }

    /** Issue 26: a PutFile after this writes a .zip, not a zip named .pdf. */
    @Test
    void theResultZipIsNamedAsAZip() {
        answer(success(server.url("/result/task-42.zip?sign=secret").toString()));
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(ZIP)).build());
        final Map<String, String> attributes = new HashMap<>(job());
        attributes.put("filename", "Contract.2026.PDF");
        status.enqueue("pdf", attributes);
        status.run();

        final MockFlowFile result = status.getFlowFilesForRelationship(GetTencentOCRJobStatus.REL_SUCCESS).getFirst();
        result.assertAttributeEquals("filename", "Contract.2026.zip");
        result.assertAttributeEquals("mime.type", "application/zip");
    }

    private static Map<String, String> job() {
        return Map.of(OcrAttributes.JOB_ID, "task-42", OcrAttributes.JOB_ACTION, "GetReconstructDocumentResult",
                OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis()));
    }

    private void answer(final String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }
}
