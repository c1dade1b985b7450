package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.common.profile.Language;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator as Tencent's own SDK sees it: the SDK signs (TC3-HMAC-SHA256), the emulator verifies, reads the image
 * with RapidOCR and answers in Tencent's shape. The texts are the samples' own words, drawn by the repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TencentOcrEmulatorTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String SECRET_ID = "AKIDemulatortest000000000000000000";
    private static final String SECRET_KEY = "emulator-test-secret-key";

    private TencentOcrEmulator emulator;

    @BeforeAll
    void start() throws Exception {
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void readsTheLetterPhotoInTencentsShape() throws Exception {
        final long before = emulator.calls("GeneralBasicOCR success");
        final JsonNode response = call("GeneralBasicOCR", image(Files.readAllBytes(Path.of("../samples/letter-photo.jpg"))));

        // the letter's lines in order; a line's last comma or full stop is the engine's weakest guess, so it is left out
        assertEquals(List.of("Dear reader", "this letter was photographed with a phone", "CompressImage makes it fit Tencent's limits",
                "InvokeTencentOCR reads it back as text"), texts(response).stream().map(line -> line.replaceAll("[,.]$", "")).toList());
        assertEquals("zh", response.get("Language").asText());
        assertEquals(0, response.get("PdfPageSize").asInt());
        assertTrue(response.get("Angle").isNumber());
        assertFalse(response.get("RequestId").asText().isBlank());
        int paragraph = 0;
        for (final JsonNode detection : response.get("TextDetections")) {
            final int confidence = detection.get("Confidence").asInt();
            assertTrue(confidence > 50 && confidence <= 100, detection.toString());
            assertEquals(4, detection.get("Polygon").size());
            final JsonNode box = detection.get("ItemPolygon");
            final int left = StreamSupport.stream(detection.get("Polygon").spliterator(), false).mapToInt(point -> point.get("X").asInt()).min().orElseThrow();
            assertEquals(left, box.get("X").asInt(), "ItemPolygon is the polygon's bounding box: " + detection);
            assertTrue(box.get("Width").asInt() > box.get("Height").asInt(), detection.toString());
            assertEquals(++paragraph, OBJECT_MAPPER.readTree(detection.get("AdvancedInfo").asText()).at("/Parag/ParagNo").asInt());
            assertTrue(detection.get("Words").isArray());
        }
        assertEquals(before + 1, emulator.calls("GeneralBasicOCR success"));
    }

    @Test
    void readsTheRequestedPdfPage() throws Exception {
        final byte[] pdf = pdf("First page of the report", "Second page: totals");
        final ObjectNode request = image(pdf).put("IsPdf", true).put("PdfPageNumber", 2);

        final JsonNode accurate = call("GeneralAccurateOCR", request);
        assertEquals(List.of("Second page: totals"), texts(accurate));
        assertFalse(accurate.has("PdfPageSize"), "GeneralAccurateOCR does not report the page count");

        assertEquals(2, call("GeneralBasicOCR", request).get("PdfPageSize").asInt());
        assertEquals("FailedOperation.ImageDecodeFailed", error("GeneralBasicOCR", image(pdf)), "a PDF without IsPdf");
        assertEquals("InvalidParameterValue.InvalidParameterValueLimit", error("GeneralBasicOCR", image(pdf).put("IsPdf", true).put("PdfPageNumber", 3)));
        assertEquals("FailedOperation.ImageDecodeFailed", error("GeneralEfficientOCR", image(pdf).put("IsPdf", true)), "an Action that reads no PDF");
    }

    @Test
    void readsConcurrentRequestsOneAtATimeWithTheSharedEngine() throws Exception {
        final ObjectNode receipt = image(Files.readAllBytes(Path.of("../samples/receipt.bmp")));
        final List<String> expected = List.of("RECEIPT", "Coffee", "18.00", "Bagel", "12.00", "TOTAL", "30.00");
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            final List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(threads.submit(() -> texts(call("GeneralBasicOCR", receipt))));
            }
            for (final Future<List<String>> answer : answers) {
                assertEquals(expected, answer.get(2, TimeUnit.MINUTES));
            }
        }
    }

    @Test
    void answersAsTencentForImagesWithoutText() throws Exception {
        final byte[] blank = png(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB));

        assertEquals("FailedOperation.ImageNoText", error("GeneralFastOCR", image(blank)));
        assertFalse(call("TextDetect", image(blank)).get("HasText").asBoolean());
        assertEquals("FailedOperation.ImageDecodeFailed", error("GeneralBasicOCR", image("not an image".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, emulator.calls("GeneralFastOCR FailedOperation.ImageNoText"));
    }

    @Test
    void keepsTheDocumentedExamplesForStructuredActionsAndOnRequest() throws Exception {
        final byte[] letter = Files.readAllBytes(Path.of("../samples/letter-photo.jpg"));

        assertEquals("刘洋", call("IDCardOCR", image(letter).put("CardSide", "FRONT")).get("Name").asText());
        emulator.exampleAnswersOnly(true);
        try {
            assertEquals("Sun", texts(call("GeneralBasicOCR", image(letter))).getFirst());
        } finally {
            emulator.exampleAnswersOnly(false);
        }
    }

    @Test
    void stillVerifiesSignaturesAndInjectsFaults() throws Exception {
        assertEquals("RequestLimitExceeded", error("GeneralBasicOCR", image("FAULT:RequestLimitExceeded".getBytes(StandardCharsets.US_ASCII))));
        final TencentCloudSDKException wrongKey = assertThrows(TencentCloudSDKException.class,
                () -> client("not-the-secret-key").call("GeneralBasicOCR", image(new byte[] {1}).toString()));
        assertEquals("AuthFailure.SignatureFailure", wrongKey.getErrorCode());
    }

    /** Down, the metadata service and STS answer 503 while OCR goes on; back up, they issue credentials again. */
    @Test
    void theCredentialIssuersGoDownAndComeBackWhileOcrAnswers() throws Exception {
        final java.net.http.HttpRequest metadata = java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint()
                + "/latest/meta-data/cam/security-credentials/" + TemporaryCredentialsIssuer.ROLE_NAME)).build();
        final java.net.http.HttpRequest sts = java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.endpoint()))
                .header("X-TC-Action", "AssumeRoleWithWebIdentity").header("Authorization", "SKIP")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"ProviderId\":\"OIDC\",\"WebIdentityToken\":\"t\",\"RoleArn\":\"qcs::cam::uin/1:roleName/r\",\"RoleSessionName\":\"s\"}"))
                .build();
        final TemporaryCredentialsIssuer issuer = emulator.temporaryCredentials();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            final java.net.http.HttpResponse.BodyHandler<String> text = java.net.http.HttpResponse.BodyHandlers.ofString();
            issuer.down(true);
            try {
                assertEquals(503, http.send(metadata, text).statusCode());
                assertEquals(503, http.send(sts, text).statusCode());
                assertEquals(2, issuer.answeredDown());
                assertEquals("RequestLimitExceeded", error("GeneralBasicOCR", image("FAULT:RequestLimitExceeded".getBytes(StandardCharsets.US_ASCII))));
            } finally {
                issuer.down(false);
            }
            final long issued = issuer.issuedCount();
            assertEquals("Success", OBJECT_MAPPER.readTree(http.send(metadata, text).body()).get("Code").asText());
            assertTrue(OBJECT_MAPPER.readTree(http.send(sts, text).body()).at("/Response/Credentials/TmpSecretId").asText().startsWith("AKIDtmp"));
            assertTrue(issuer.issuedCount() > issued);
            assertEquals(2, issuer.answeredDown());
        }
    }

    @Test
    void parsesADocumentToAZipOfMarkdownAsLkeapDoes() throws Exception {
        final ObjectNode request = OBJECT_MAPPER.createObjectNode().put("FileType", "PDF")
                .put("FileBase64", Base64.getEncoder().encodeToString(pdf("First page words", "Second page words")));
        final String taskId = lkeap("CreateReconstructDocumentFlow", request).get("TaskId").asText();
        final ObjectNode poll = OBJECT_MAPPER.createObjectNode().put("TaskId", taskId);
        assertEquals("WaitExecute", lkeap("GetReconstructDocumentResult", poll).get("Status").asText());
        assertEquals("Processing", lkeap("GetReconstructDocumentResult", poll).get("Status").asText());
        final JsonNode done = lkeap("GetReconstructDocumentResult", poll);
        assertEquals("Success", done.get("Status").asText());
        assertEquals(2, done.at("/Usage/PageNumber").asInt());

        final java.net.http.HttpResponse<byte[]> zip;
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            zip = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(done.get("DocumentRecognizeResultUrl").asText())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        }
        assertEquals(200, zip.statusCode());
        final List<String> pages = new ArrayList<>();
        try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                pages.add(entry.getName() + ": " + new String(entries.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        assertEquals(List.of("page_1.md: First page words", "page_2.md: Second page words"), pages);
    }

    @Test
    void aDocumentParsingJobWithAFaultMarkerFailsWithItsCode() throws Exception {
        final ObjectNode request = OBJECT_MAPPER.createObjectNode().put("FileType", "PDF")
                .put("FileBase64", Base64.getEncoder().encodeToString(pdf("Fine", PageFaults.ALWAYS + "FailedOperation.FileDecodeFailed")));
        final ObjectNode poll = OBJECT_MAPPER.createObjectNode().put("TaskId", lkeap("CreateReconstructDocumentFlow", request).get("TaskId").asText());
        lkeap("GetReconstructDocumentResult", poll);
        lkeap("GetReconstructDocumentResult", poll);
        // lkeap puts a failed job's Error where API 3.0 puts a failed call's, so Tencent's SDK throws it
        final TencentCloudSDKException failed = assertThrows(TencentCloudSDKException.class, () -> lkeap("GetReconstructDocumentResult", poll));
        assertEquals("FailedOperation.FileDecodeFailed", failed.getErrorCode());
        // signed for ocr, an lkeap Action is refused
        final TencentCloudSDKException wrongService = assertThrows(TencentCloudSDKException.class,
                () -> client(SECRET_KEY).call("GetReconstructDocumentResult", poll.toString()));
        assertEquals("AuthFailure.SignatureFailure", wrongService.getErrorCode());
    }

    @Test
    void answersErrorsInTheRequestedLanguageForEveryService() {
        final ObjectNode noFileType = OBJECT_MAPPER.createObjectNode().put("FileBase64", "JVBERi0=");
        final ObjectNode notAnImage = image("not an image".getBytes(StandardCharsets.UTF_8));
        final String roleArn = "arn:aws:iam::123456789012:role/nifi-ocr";
        for (final Language language : Language.values()) {
            final List<String> messages = List.of(
                    assertThrows(TencentCloudSDKException.class, () -> sdk("lkeap", "2024-05-22", language).call("CreateReconstructDocumentFlow", noFileType.toString())).getMessage(),
                    assertThrows(TencentCloudSDKException.class, () -> sdk("ocr", "2018-11-19", language).call("GeneralBasicOCR", notAnImage.toString())).getMessage(),
                    assertThrows(TencentCloudSDKException.class, () -> assumeRole(roleArn, language)).getMessage());
            for (final String message : messages) {
                assertEquals(language == Language.ZH_CN, Pattern.compile("\\p{IsHan}").matcher(message).find(), language + ": " + message);
            }
        }
    }

    @Test
    void stsRefusesWhatIsNotACamRoleAsTencentDoes() throws Exception {
        final TencentCloudSDKException aws = assertThrows(TencentCloudSDKException.class,
                () -> assumeRole("arn:aws:iam::123456789012:role/nifi-ocr", Language.EN_US));
        assertEquals("InvalidParameter.ResouceError", aws.getErrorCode());
        assertTrue(aws.getMessage().contains("qcs::cam::uin/<account UIN>:roleName/<role name>"), aws.getMessage());
        assertEquals("InvalidParameter.ResouceError", assertThrows(TencentCloudSDKException.class,
                () -> assumeRole("nifi-ocr", Language.EN_US)).getErrorCode());

        for (final String role : List.of("qcs::cam::uin/100000000001:roleName/nifi-ocr", "qcs::cam::uin/100000000001:role/4611686018427397919",
                "qcs::cam::uin/100000000001:roleName/tencentcloudServiceRole/OCR_QCSRole")) {
            assertTrue(assumeRole(role, Language.EN_US).at("/Credentials/TmpSecretId").asText().startsWith("AKID"), role);
        }
    }

    private JsonNode assumeRole(final String roleArn, final Language language) throws Exception {
        final ObjectNode request = OBJECT_MAPPER.createObjectNode().put("RoleArn", roleArn).put("RoleSessionName", "nifi-ocr");
        return OBJECT_MAPPER.readTree(sdk("sts", "2018-08-13", language).call("AssumeRole", request.toString())).get("Response");
    }

    /** A call signed by Tencent's SDK for lkeap, which names the service after lkeap's host. */
    private JsonNode lkeap(final String action, final ObjectNode request) throws Exception {
        return OBJECT_MAPPER.readTree(sdk("lkeap", "2024-05-22", Language.ZH_CN).call(action, request.toString())).get("Response");
    }

    /** Tencent's SDK for a service, signing for the service's own host, reached through the emulator as proxy. */
    private CommonClient sdk(final String service, final String version, final Language language) {
        final HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint(service + ".tencentcloudapi.com");
        final java.net.URI endpoint = java.net.URI.create(emulator.endpoint());
        http.setProxyHost(endpoint.getHost());
        http.setProxyPort(endpoint.getPort());
        final ClientProfile profile = new ClientProfile(ClientProfile.SIGN_TC3_256, http);
        profile.setLanguage(language);
        return new CommonClient(service, version, new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou", profile);
    }

    private JsonNode call(final String action, final ObjectNode request) throws Exception {
        return OBJECT_MAPPER.readTree(client(SECRET_KEY).call(action, request.toString())).get("Response");
    }

    private String error(final String action, final ObjectNode request) {
        return assertThrows(TencentCloudSDKException.class, () -> call(action, request)).getErrorCode();
    }

    private CommonClient client(final String secretKey) {
        final HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        // the SDK names the signed service after the endpoint's first label: Tencent's host, reached through the emulator as proxy
        http.setEndpoint("ocr.tencentcloudapi.com");
        final java.net.URI endpoint = java.net.URI.create(emulator.endpoint());
        http.setProxyHost(endpoint.getHost());
        http.setProxyPort(endpoint.getPort());
        http.setReadTimeout(60);
        return new CommonClient("ocr", "2018-11-19", new Credential(SECRET_ID, secretKey), "ap-guangzhou", new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    private static ObjectNode image(final byte[] content) {
        return OBJECT_MAPPER.createObjectNode().put("ImageBase64", Base64.getEncoder().encodeToString(content));
    }

    private static List<String> texts(final JsonNode response) {
        return StreamSupport.stream(response.get("TextDetections").spliterator(), false).map(detection -> detection.get("DetectedText").asText()).toList();
    }

    private static byte[] png(final BufferedImage image) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PDF with one line of text per page, written with PDFBox and a standard font. */
    private static byte[] pdf(final String... lines) throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (final String line : lines) {
                final PDPage page = new PDPage(PDRectangle.A6);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 18);
                    content.newLineAtOffset(30, 300);
                    content.showText(line);
                    content.endText();
                }
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
