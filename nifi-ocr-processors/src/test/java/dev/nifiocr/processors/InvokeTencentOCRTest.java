package dev.nifiocr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvokeTencentOCRTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};

    private MockWebServer server;
    private TestRunner runner;

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestServices.invokeRunner(server);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    @Test
    void sendsSignedImageRequestAndWritesTheAnswer() throws Exception {
        answer(200, Fixtures.text("GeneralBasicOCR-1.json"));
        runner.enqueue(JPEG, Map.of("filename", "scan.jpg"));

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        runner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 1);
        final MockFlowFile answer = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst();
        answer.assertContentEquals(Fixtures.bytes("GeneralBasicOCR-1.json"));
        answer.assertAttributeEquals("mime.type", "application/json");
        answer.assertAttributeEquals("filename", "scan.json");
        answer.assertAttributeEquals(OcrAttributes.ACTION, "GeneralBasicOCR");
        answer.assertAttributeEquals(OcrAttributes.REGION, "ap-guangzhou");
        answer.assertAttributeEquals(OcrAttributes.HTTP_STATUS, "200");
        answer.assertAttributeEquals(OcrAttributes.REQUEST_ID, Fixtures.json("GeneralBasicOCR-1.json").at("/Response/RequestId").asText());
        answer.assertAttributeNotExists(OcrAttributes.ERROR_CODE);
        assertNotNull(answer.getAttribute(OcrAttributes.DURATION_MILLIS));
        runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_ORIGINAL).getFirst().assertContentEquals(JPEG);

        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/", request.getTarget());
        assertEquals("GeneralBasicOCR", request.getHeaders().get("X-TC-Action"));
        assertEquals("2018-11-19", request.getHeaders().get("X-TC-Version"));
        assertEquals("ap-guangzhou", request.getHeaders().get("X-TC-Region"));
        assertEquals(TestServices.SESSION_TOKEN, request.getHeaders().get("X-TC-Token"));
        assertEquals("application/json; charset=utf-8", request.getHeaders().get("Content-Type"));
        assertNull(SignatureVerifier.verify(request, TestServices.SECRET_ID, TestServices.SECRET_KEY));
        final JsonNode body = OBJECT_MAPPER.readTree(request.getBody().toByteArray());
        assertEquals(1, body.size());
        assertTrue(Base64.getDecoder().decode(body.get("ImageBase64").asText()).length == JPEG.length);
        assertEquals(Base64.getEncoder().encodeToString(JPEG), body.get("ImageBase64").asText());

        assertEquals(1L, runner.getCounterValue("GeneralBasicOCR Requests Sent"));
        assertEquals(1L, runner.getCounterValue("GeneralBasicOCR Answers Succeeded"));
        final ProvenanceEventRecord send = runner.getProvenanceEvents().stream()
                .filter(event -> event.getEventType() == ProvenanceEventType.SEND).findFirst().orElseThrow();
        assertEquals(server.url("/").toString(), send.getTransitUri());
    }

    @Test
    void setsThePdfSwitchForPdfContent() throws Exception {
        answer(200, Fixtures.text("GeneralAccurateOCR-1.json"));
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.GeneralAccurateOCR.getValue());
        runner.setProperty("PdfPageNumber", "${page}");
        runner.enqueue("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII), Map.of("page", "3"));

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final JsonNode body = requestBody();
        assertTrue(body.get("IsPdf").isBoolean() && body.get("IsPdf").booleanValue());
        assertTrue(body.get("PdfPageNumber").isIntegralNumber());
        assertEquals(3, body.get("PdfPageNumber").intValue());
    }

    @Test
    void refusesPdfForActionsThatReadNone() {
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.IDCardOCR.getValue());
        runner.enqueue("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));

        runner.run();

        assertRefusedLocally(ErrorClassifier.PDF_NOT_SUPPORTED);
    }

    @Test
    void refusesEmptyContent() {
        runner.enqueue(new byte[0]);
        runner.run();
        assertRefusedLocally(ErrorClassifier.EMPTY_CONTENT);
    }

    @Test
    void refusesImagesOverTheActionsLimit() {
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.TableOCR.getValue());
        // 2.4 MB of image is 3.2 MB of Base64: over TableOCR's 3 MB
        runner.enqueue(new byte[2_400_000]);
        runner.run();
        final MockFlowFile refused = assertRefusedLocally(ErrorClassifier.IMAGE_TOO_LARGE);
        assertTrue(refused.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("TableOCR accepts at most 3,145,728"));
    }

    @Test
    void typesDynamicPropertiesAsTheActionDeclares() throws Exception {
        answer(200, Fixtures.text("IDCardOCR-2.json"));
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.IDCardOCR.getValue());
        runner.setProperty("CardSide", "FRONT");
        runner.setProperty("Config", "{\"CropIdCard\":true,\"CropPortrait\":true}");
        runner.setProperty("EnableRecognitionRectify", "false");
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"CardWarnType\": \"Basic\", \"CardSide\": \"BACK\"}");
        runner.enqueue(JPEG);

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final JsonNode body = requestBody();
        assertEquals("FRONT", body.get("CardSide").textValue());
        assertEquals("{\"CropIdCard\":true,\"CropPortrait\":true}", body.get("Config").textValue());
        assertTrue(body.get("EnableRecognitionRectify").isBoolean());
        assertFalse(body.get("EnableRecognitionRectify").booleanValue());
        assertEquals("Basic", body.get("CardWarnType").textValue());
    }

    @Test
    void refusesValuesThatDoNotFitTheDeclaredType() {
        runner.setProperty("IsWords", "yes");
        runner.enqueue(JPEG);
        runner.run();
        final MockFlowFile refused = assertRefusedLocally(ErrorClassifier.INVALID_REQUEST);
        assertTrue(refused.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("IsWords"));
    }

    @Test
    void sendsImageUrlFromAttributes() throws Exception {
        answer(200, Fixtures.text("GeneralBasicOCR-1.json"));
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        runner.setProperty(InvokeTencentOCR.IMAGE_URL, "https://example.cos.ap-guangzhou.myqcloud.com/${filename}");
        runner.enqueue("ignored", Map.of("filename", "a.png"));

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final JsonNode body = requestBody();
        assertEquals("https://example.cos.ap-guangzhou.myqcloud.com/a.png", body.get("ImageUrl").textValue());
        assertNull(body.get("ImageBase64"));
    }

    @Test
    void sendsRequestJsonContentWithPropertiesOnTop() throws Exception {
        answer(200, Fixtures.text("IDCardOCR-3.json"));
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.IDCardOCR.getValue());
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
        runner.setProperty("CardSide", "FRONT");
        runner.enqueue("{\"ImageUrl\": \"https://example.com/id.jpg\", \"CardSide\": \"BACK\"}");

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final JsonNode body = requestBody();
        assertEquals("https://example.com/id.jpg", body.get("ImageUrl").textValue());
        assertEquals("FRONT", body.get("CardSide").textValue());
    }

    @Test
    void refusesRequestJsonThatIsNotAnObject() {
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
        runner.enqueue("[1, 2");
        runner.run();
        assertRefusedLocally(ErrorClassifier.INVALID_REQUEST);
    }

    @Test
    void callsActionsWithoutImageFromParametersAlone() throws Exception {
        answer(200, "{\"Response\": {\"Invoice\": null, \"RequestId\": \"r-1\"}}");
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.VatInvoiceVerifyNew.getValue());
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.PARAMETERS_ONLY.getValue());
        runner.setProperty("InvoiceNo", "${invoice.no}");
        runner.setProperty("InvoiceDate", "2026-01-02");
        runner.enqueue("", Map.of("invoice.no", "01234567"));

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final JsonNode body = requestBody();
        assertTrue(body.get("InvoiceNo").isTextual());
        assertEquals("01234567", body.get("InvoiceNo").textValue());
    }

    @Test
    void callsCustomActionsNamedByExpressionLanguage() throws Exception {
        answer(200, Fixtures.text("GeneralBasicOCR-1.json"));
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue());
        runner.setProperty(InvokeTencentOCR.CUSTOM_ACTION, "${ocr.action}");
        // changed on purpose (issue 22): a dynamic property of an undeclared parameter is sent as the text typed; a typed value
        // for a custom Action goes in Request Parameters
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"NewSwitch\": true}");
        runner.setProperty("NewText", "true");
        runner.enqueue(JPEG, Map.of("ocr.action", "SomeFutureOCR"));

        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("SomeFutureOCR", request.getHeaders().get("X-TC-Action"));
        assertTrue(OBJECT_MAPPER.readTree(request.getBody().toByteArray()).get("NewSwitch").booleanValue());
        assertEquals("true", OBJECT_MAPPER.readTree(request.getBody().toByteArray()).get("NewText").textValue());
    }

    @Test
    void refusesCustomActionNamesThatAreNotNames() {
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue());
        runner.setProperty(InvokeTencentOCR.CUSTOM_ACTION, "${missing}x y");
        runner.enqueue(JPEG);
        runner.run();
        assertRefusedLocally(ErrorClassifier.INVALID_REQUEST);
    }

    @ParameterizedTest
    @CsvSource({
            "error-RequestLimitExceeded.json, retry, true, THROTTLED",
            "error-InternalError.json, retry, false, TRANSIENT",
            "error-AuthFailure.SignatureFailure.json, failure, true, ACCOUNT",
            "error-AuthFailure.UnauthorizedOperation.json, failure, true, ACCOUNT",
            "error-ResourcesSoldOut.ChargeStatusException.json, failure, true, ACCOUNT",
            "error-FailedOperation.UnOpenError.json, failure, true, ACCOUNT",
            "error-FailedOperation.ImageDecodeFailed.json, failure, false, INPUT",
            "error-FailedOperation.ImageNoText.json, success, false, NO_RESULT"
    })
    void routesTencentErrors(final String fixture, final String relationship, final boolean yielded, final String category) {
        answer(200, Fixtures.text(fixture));
        runner.enqueue(JPEG);

        runner.run();

        final JsonNode error = Fixtures.json(fixture).at("/Response/Error");
        final MockFlowFile routed = runner.getFlowFilesForRelationship(relationship).getFirst();
        routed.assertAttributeEquals(OcrAttributes.ERROR_CODE, error.get("Code").asText());
        assertTrue(routed.getAttribute(OcrAttributes.ERROR_MESSAGE).startsWith(error.get("Message").asText()));
        routed.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, category);
        routed.assertAttributeEquals(OcrAttributes.REQUEST_ID, Fixtures.json(fixture).at("/Response/RequestId").asText());
        assertEquals(yielded, runner.isYieldCalled());
        runner.assertPenalizeCount(relationship.equals("retry") ? 1 : 0);
        assertEquals(0, runner.getQueueSize().getObjectCount());
        assertEquals(relationship.equals("success") ? 2 : 1, countTransferred());
        assertEquals(1L, runner.getCounterValue("Error " + error.get("Code").asText()));
    }

    @Test
    void namesTheMissingPermissionOnUnauthorizedOperation() {
        answer(200, Fixtures.text("error-AuthFailure.UnauthorizedOperation.json"));
        runner.enqueue(JPEG);
        runner.run();
        final MockFlowFile failed = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("ocr:GeneralBasicOCR"));
    }

    @Test
    void retriesHttpServerErrors() {
        server.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());
        runner.enqueue(JPEG);
        runner.run();
        assertRetried("HttpStatus.503");
    }

    @Test
    void retriesMalformedAnswers() {
        answer(200, "{\"Response\": {\"RequestId\": ");
        runner.enqueue(JPEG);
        runner.run();
        assertRetried(TencentApiException.MALFORMED_RESPONSE);
    }

    @Test
    void retriesTruncatedAnswers() {
        final byte[] whole = Fixtures.bytes("GeneralBasicOCR-1.json");
        server.enqueue(new MockResponse.Builder().code(200)
                .body(new okio.Buffer().write(whole, 0, whole.length / 2))
                .setHeader("Content-Length", whole.length)
                .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        runner.enqueue(JPEG);
        runner.run();
        final MockFlowFile retried = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst();
        assertTrue(List.of(TencentApiException.NETWORK_ERROR, TencentApiException.MALFORMED_RESPONSE)
                .contains(retried.getAttribute(OcrAttributes.ERROR_CODE)));
    }

    @Test
    void retriesTimeouts() {
        server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.text("GeneralBasicOCR-1.json"))
                .headersDelay(4, TimeUnit.SECONDS).build());
        runner.enqueue(JPEG);
        runner.run();
        assertRetried(TencentApiException.TIMEOUT);
    }

    @Test
    void retriesConnectionResets() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        // a FlowFile back from an earlier try that was answered
        runner.enqueue(JPEG, Map.of(OcrAttributes.REQUEST_ID, "earlier-request", OcrAttributes.HTTP_STATUS, "200"));
        runner.run();
        assertRetried(TencentApiException.NETWORK_ERROR);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst();
        retried.assertAttributeNotExists(OcrAttributes.REQUEST_ID);
        retried.assertAttributeNotExists(OcrAttributes.HTTP_STATUS);
    }

    @Test
    void failureCodesOverrideTheTable() {
        runner.setProperty(InvokeTencentOCR.FAILURE_ERROR_CODES, "InternalError");
        answer(200, Fixtures.text("error-InternalError.json"));
        runner.enqueue(JPEG);
        runner.run();
        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_FAILURE, 1);
        runner.assertPenalizeCount(0);
    }

    @Test
    void takesNoFlowFileWhenTheRateLimitHasNoPermit() throws Exception {
        runner.disableControllerService(runner.getControllerService(TestServices.SERVICE_ID));
        runner.setProperty(runner.getControllerService(TestServices.SERVICE_ID),
                dev.nifiocr.service.StandardTencentCloudClientService.RATE_LIMIT, "0.01");
        runner.enableControllerService(runner.getControllerService(TestServices.SERVICE_ID));
        answer(200, Fixtures.text("GeneralBasicOCR-1.json"));
        answer(200, Fixtures.text("GeneralBasicOCR-1.json"));
        runner.enqueue(JPEG);
        runner.enqueue(JPEG);

        runner.run(2);

        assertEquals(1, server.getRequestCount());
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        assertEquals(1, runner.getQueueSize().getObjectCount());
        assertTrue(runner.isYieldCalled());
    }

    @Test
    void keepsSecretsOutOfLogsAttributesAndProvenance() {
        answer(200, Fixtures.text("error-AuthFailure.SignatureFailure.json"));
        answer(200, Fixtures.text("GeneralBasicOCR-1.json"));
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        runner.enqueue(JPEG);
        runner.enqueue(JPEG);
        runner.enqueue(JPEG);

        runner.run(3);

        final StringBuilder seen = new StringBuilder(TestServices.allLogText(runner.getLogger()));
        seen.append(TestServices.allLogText(runner.getControllerServiceLogger(TestServices.SERVICE_ID)));
        seen.append(runner.getControllerService(TestServices.SERVICE_ID));
        for (final String relationship : List.of("success", "original", "retry", "failure")) {
            for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                seen.append(flowFile.getAttributes());
            }
        }
        for (final ProvenanceEventRecord event : runner.getProvenanceEvents()) {
            seen.append(event.getDetails()).append(event.getTransitUri()).append(event.getAttributes());
        }
        assertTrue(seen.length() > 200);
        assertFalse(seen.toString().contains(TestServices.SECRET_KEY));
        assertFalse(seen.toString().contains(TestServices.SESSION_TOKEN));
    }

    @Test
    void verifiesActionAndParameters() {
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"LanguageType\": \"${lang}\"}");
        final List<ConfigVerificationResult> results = runner.verify(Map.of("lang", "auto"));
        assertEquals(3, results.size());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.get(0).getOutcome());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.get(1).getOutcome());
        assertTrue(results.get(1).getExplanation().contains("\"LanguageType\":\"auto\""));
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.get(2).getOutcome());
        assertEquals("GeneralBasicOCR declares LanguageType", results.get(2).getExplanation());

        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{not json");
        assertEquals(ConfigVerificationResult.Outcome.FAILED, runner.verify(Map.of()).get(1).getOutcome());
    }

    @Test
    void verifyNamesParametersTheActionDoesNotDeclare() {
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.GeneralAccurateOCR.getValue());
        runner.setProperty("IsWord", "true");
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"Colour\": \"red\", \"isPdf\": false}");

        final ConfigVerificationResult names = runner.verify(Map.of()).get(2);

        assertEquals("Check Parameter Names", names.getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, names.getOutcome());
        assertTrue(names.getExplanation().startsWith("GeneralAccurateOCR does not take "), names.getExplanation());
        assertTrue(names.getExplanation().contains("[IsWord] (did you mean [IsWords]?)"), names.getExplanation());
        assertTrue(names.getExplanation().contains("[isPdf] (did you mean [IsPdf]?)"), names.getExplanation());
        assertTrue(names.getExplanation().contains("[Colour]:") || names.getExplanation().contains("[Colour],"), names.getExplanation());
        assertTrue(names.getExplanation().contains("UnknownParameter"));

        runner.removeProperty("IsWord");
        runner.setProperty("IsWords", "true");
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"IsPdf\": false}");
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, runner.verify(Map.of()).get(2).getOutcome());
    }

    @Test
    void verifyLeavesParametersOfCustomActionsToTencent() {
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue());
        runner.setProperty(InvokeTencentOCR.CUSTOM_ACTION, "BrandNewOCR");
        runner.setProperty("Anything", "1");
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, runner.verify(Map.of()).get(2).getOutcome());
    }

    @Test
    void acceptsOnlyDateShapedApiVersions() {
        runner.setProperty(InvokeTencentOCR.API_VERSION, "2018-11-19");
        runner.assertValid();
        runner.setProperty(InvokeTencentOCR.API_VERSION, "latest");
        runner.assertNotValid();
        runner.setProperty(InvokeTencentOCR.API_VERSION, "2018-11-19x");
        runner.assertNotValid();
    }

    private void answer(final int status, final String body) {
        server.enqueue(new MockResponse.Builder().code(status).body(body).build());
    }

    private JsonNode requestBody() throws Exception {
        return OBJECT_MAPPER.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
    }

    private int countTransferred() {
        int count = 0;
        for (final String relationship : List.of("success", "original", "retry", "failure")) {
            count += runner.getFlowFilesForRelationship(relationship).size();
        }
        return count;
    }

    private MockFlowFile assertRefusedLocally(final String errorCode) {
        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_FAILURE, 1);
        assertEquals(0, server.getRequestCount());
        runner.assertPenalizeCount(0);
        final MockFlowFile refused = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        refused.assertAttributeEquals(OcrAttributes.ERROR_CODE, errorCode);
        refused.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "INPUT");
        assertFalse(refused.getAttribute(OcrAttributes.ERROR_MESSAGE).isBlank());
        return refused;
    }

    private void assertRetried(final String errorCode) {
        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_RETRY, 1);
        runner.assertPenalizeCount(1);
        final MockFlowFile retried = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst();
        retried.assertAttributeEquals(OcrAttributes.ERROR_CODE, errorCode);
        assertArrayEquals(JPEG, retried.toByteArray());
        assertFalse(retried.getAttribute(OcrAttributes.ERROR_MESSAGE).isBlank());
    }
}
