package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents as Tencent's own SDK sees them at the emulator: PDF pages answered page by page from their text layer, a page
 * that faults alone, the asynchronous job Actions through WAIT, RUN and DONE or FAIL with their concurrent-job limit, and OFD.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentAnswersTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String SECRET_ID = "AKIDemulatortest000000000000000000";
    private static final String SECRET_KEY = "emulator-test-secret-key";

    private TencentOcrEmulator emulator;
    private CommonClient client;

    @BeforeAll
    void start() throws Exception {
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
        emulator.exampleAnswersOnly(true);
        final HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("ocr.tencentcloudapi.com");
        final URI endpoint = URI.create(emulator.endpoint());
        http.setProxyHost(endpoint.getHost());
        http.setProxyPort(endpoint.getPort());
        client = new CommonClient("ocr", "2018-11-19", new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou", new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void answersEachPdfPageWithItsOwnTextAndTheRealPageCount() throws Exception {
        final byte[] pdf = pdf(List.of("Page one"), List.of("Page two, first line", "Page two, second line"), List.of("Page three"));
        final JsonNode second = call("GeneralBasicOCR", page(pdf, 2));
        assertEquals(List.of("Page two, first line", "Page two, second line"), texts(second));
        assertEquals(3, second.get("PdfPageSize").asInt());
        assertEquals(List.of("Page three"), texts(call("GeneralFastOCR", page(pdf, 3))));
        assertEquals("InvalidParameterValue.InvalidParameterValueLimit", error("GeneralBasicOCR", page(pdf, 4)));
        assertEquals("InvalidParameterValue.InvalidParameterValueLimit", error("GeneralBasicOCR", page(pdf, 0)));
    }

    @Test
    void aPageFaultsAloneOnceOrAlways() throws Exception {
        final byte[] pdf = pdf(List.of("Fine page"), List.of(PageFaults.ONCE + "InternalError", "Read on the second try"),
                List.of(PageFaults.ALWAYS + "FailedOperation.OcrFailed"));
        final long faults = emulator.calls("GeneralBasicOCR InternalError");
        assertEquals(List.of("Fine page"), texts(call("GeneralBasicOCR", page(pdf, 1))));
        assertEquals("InternalError", error("GeneralBasicOCR", page(pdf, 2)));
        assertEquals(List.of(PageFaults.ONCE + "InternalError", "Read on the second try"), texts(call("GeneralBasicOCR", page(pdf, 2))));
        assertEquals(faults + 1, emulator.calls("GeneralBasicOCR InternalError"));
        assertEquals("FailedOperation.OcrFailed", error("GeneralBasicOCR", page(pdf, 3)));
        assertEquals("FailedOperation.OcrFailed", error("GeneralBasicOCR", page(pdf, 3)));
    }

    @Test
    void aJobWaitsRunsAndReturnsEveryPageOfItsWindow() throws Exception {
        final List<List<String>> pages = new ArrayList<>();
        for (int number = 1; number <= 4; number++) {
            pages.add(List.of("Contract page " + number));
        }
        final ObjectNode request = image(pdf(pages.toArray(List[]::new))).put("FileStartPageNumber", 2).put("FileEndPageNumber", 4);
        request.putArray("ItemNames").addObject().put("KeyName", "Body");
        final String jobId = call("SubmitExtractDocAgentJob", request).get("JobId").asText();

        final ObjectNode describe = OBJECT_MAPPER.createObjectNode().put("JobId", jobId);
        assertEquals("WAIT", call("DescribeExtractDocAgentJob", describe).get("JobStatus").asText());
        assertEquals("RUN", call("DescribeExtractDocAgentJob", describe).get("JobStatus").asText());
        final JsonNode done = call("DescribeExtractDocAgentJob", describe);
        assertEquals("DONE", done.get("JobStatus").asText());
        final List<String> values = new ArrayList<>();
        for (final JsonNode line : done.at("/StructuralList/0/Groups/0/Lines")) {
            assertEquals("Body", line.at("/Key/AutoName").asText());
            values.add(line.at("/Value/PageIndex").asText() + ": " + line.at("/Value/AutoContent").asText());
        }
        assertEquals(List.of("2: Contract page 2", "3: Contract page 3", "4: Contract page 4"), values);
        assertEquals("DONE", call("DescribeExtractDocAgentJob", describe).get("JobStatus").asText(), "a finished job stays finished");
    }

    @Test
    void aJobWithAFaultyPageFailsWithItsCode() throws Exception {
        final String jobId = call("SubmitExtractDocAgentJob", image(pdf(List.of("Fine"), List.of(PageFaults.ALWAYS + "FailedOperation.PDFParseFailed"))))
                .get("JobId").asText();
        final ObjectNode describe = OBJECT_MAPPER.createObjectNode().put("JobId", jobId);
        call("DescribeExtractDocAgentJob", describe);
        call("DescribeExtractDocAgentJob", describe);
        final JsonNode failed = call("DescribeExtractDocAgentJob", describe);
        assertEquals("FAIL", failed.get("JobStatus").asText());
        assertEquals("FailedOperation.PDFParseFailed", failed.get("ErrorCode").asText());
        assertEquals("InvalidParameterValue.InvalidParameterValueLimit",
                error("DescribeExtractDocAgentJob", OBJECT_MAPPER.createObjectNode().put("JobId", "no-such-job")));
    }

    @Test
    void submitsBeyondTheConcurrentJobLimitAreThrottledUntilAJobFinishes() throws Exception {
        final AsyncJobs jobs = emulator.asyncJobs();
        jobs.forgetAll();
        jobs.concurrentJobLimit(2);
        try {
            final ObjectNode request = image(pdf(List.of("One page")));
            final String first = call("SubmitExtractDocAgentJob", request).get("JobId").asText();
            call("SubmitExtractDocAgentJob", request);
            assertEquals(AsyncJobs.LIMIT_CODE, error("SubmitExtractDocAgentJob", request));
            final ObjectNode describe = OBJECT_MAPPER.createObjectNode().put("JobId", first);
            call("DescribeExtractDocAgentJob", describe);
            call("DescribeExtractDocAgentJob", describe);
            assertTrue(call("SubmitExtractDocAgentJob", request).get("JobId").isTextual(), "a finished job frees its place");
            jobs.forgetAll();
            assertEquals("InvalidParameterValue.InvalidParameterValueLimit", error("DescribeExtractDocAgentJob", describe), "forgotten jobs are unknown");
        } finally {
            jobs.concurrentJobLimit(5);
            jobs.forgetAll();
        }
    }

    @Test
    void ofdIsReadByTheActionsThatTakeItOnly() throws Exception {
        final byte[] ofd = ofd();
        final String base64 = Base64.getEncoder().encodeToString(ofd);
        assertTrue(call("VerifyOfdVatInvoiceOCR", OBJECT_MAPPER.createObjectNode().put("OfdFileBase64", base64).put("OfdPageNumber", 1)).has("RequestId"));
        assertEquals("InvalidParameterValue.InvalidParameterValueLimit", error("VerifyOfdVatInvoiceOCR",
                OBJECT_MAPPER.createObjectNode().put("OfdFileBase64", Base64.getEncoder().encodeToString(pdf(List.of("not an OFD"))))));
        assertEquals("InvalidParameterValue.InvalidParameterValueLimit", error("VerifyOfdVatInvoiceOCR", OBJECT_MAPPER.createObjectNode()));
        assertTrue(call("RecognizeGeneralInvoice", image(ofd)).has("MixedInvoiceItems"));
        assertEquals("FailedOperation.ImageDecodeFailed", error("GeneralBasicOCR", image(ofd)));
    }

    private JsonNode call(final String action, final ObjectNode request) throws Exception {
        return OBJECT_MAPPER.readTree(client.call(action, request.toString())).get("Response");
    }

    private String error(final String action, final ObjectNode request) {
        return assertThrows(TencentCloudSDKException.class, () -> call(action, request)).getErrorCode();
    }

    private static ObjectNode image(final byte[] content) {
        return OBJECT_MAPPER.createObjectNode().put("ImageBase64", Base64.getEncoder().encodeToString(content));
    }

    private static ObjectNode page(final byte[] pdf, final int number) {
        return image(pdf).put("IsPdf", true).put("PdfPageNumber", number);
    }

    private static List<String> texts(final JsonNode response) {
        final List<String> texts = new ArrayList<>();
        response.get("TextDetections").forEach(detection -> texts.add(detection.get("DetectedText").asText()));
        return texts;
    }

    @SafeVarargs
    private static byte[] pdf(final List<String>... pages) throws IOException {
        return TextPdf.of(List.of(pages));
    }

    /** The smallest OFD container: a ZIP with OFD.xml at its root. */
    private static byte[] ofd() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("OFD.xml"));
            zip.write("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\"/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
