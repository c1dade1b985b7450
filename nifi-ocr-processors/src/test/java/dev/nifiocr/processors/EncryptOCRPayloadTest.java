package dev.nifiocr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.crypto.EnvelopeAlgorithm;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.test.EncryptedAnswers;
import dev.nifiocr.test.Openssl;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EncryptOCRPayloadTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    // made with `openssl rand -base64 32`; the same on every node
    private static final String SECRET = "v6uOp4mhcQ01QqlZG3bD/iILzGLnYfJgjCnMupLVe6A=";
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};

    @TempDir
    static Path keys;
    private static KeyPair rsa;
    private static PrivateKey sm2Private;
    private static String sm2PublicPem;

    private MockWebServer server;
    private TestRunner encryptRunner;

    @BeforeAll
    static void generateKeys() throws Exception {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        rsa = generator.generateKeyPair();
        if (Openssl.available()) {
            final Path privateKey = Openssl.generateSm2(keys);
            final String pkcs8 = Openssl.run(null, "pkcs8", "-topk8", "-nocrypt", "-in", privateKey.toString(), "-outform", "DER", "-out",
                    keys.resolve("sm2.der").toString());
            assertNotNull(pkcs8);
            sm2Private = KeyFactory.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keys.resolve("sm2.der"))));
            sm2PublicPem = Openssl.read(keys.resolve("sm2-public.pem"));
        }
    }

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.start();
        encryptRunner = runnerWithKeys(EncryptOCRPayload.class);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(EnvelopeAlgorithm.class)
    void encryptedRequestIsAnsweredAndDecryptedOnAnotherNode(final EnvelopeAlgorithm algorithm) throws Exception {
        assumeTrue(algorithm == EnvelopeAlgorithm.AES_256_CBC || sm2Private != null, "openssl 3 needed for SM2 keys");
        final EncryptedAnswers tencent = new EncryptedAnswers(rsa.getPrivate(), sm2Private, "{\"Name\":\"李明\",\"Sex\":\"男\",\"IdNum\":\"440524198701010014\"}");
        server.setDispatcher(tencent);
        encryptRunner.setProperty(EncryptOCRPayload.ENVELOPE_ALGORITHM, algorithm.getValue());
        encryptRunner.setProperty("CardSide", "FRONT");
        encryptRunner.enqueue(JPEG, Map.of("filename", "id.jpg"));

        encryptRunner.run();

        encryptRunner.assertAllFlowFilesTransferred(EncryptOCRPayload.REL_SUCCESS, 1);
        final MockFlowFile encrypted = encryptRunner.getFlowFilesForRelationship(EncryptOCRPayload.REL_SUCCESS).getFirst();
        encrypted.assertAttributeEquals(OcrAttributes.ENCRYPTION_ALGORITHM, algorithm.name());
        encrypted.assertAttributeEquals("mime.type", "application/json");
        encrypted.assertAttributeEquals("filename", "id.json");
        final JsonNode envelope = OBJECT_MAPPER.readTree(encrypted.toByteArray());
        assertEquals(2, envelope.size());
        assertFalse(new String(encrypted.toByteArray(), StandardCharsets.UTF_8).contains("FRONT"));

        // a second runner with its own service instance configured alike: another node, or NiFi after a restart
        final TestRunner invokeRunner = runnerWithKeys(InvokeTencentOCR.class);
        invokeRunner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.RecognizeEncryptedIDCardOCR.getValue());
        invokeRunner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
        invokeRunner.enqueue(encrypted.toByteArray(), encrypted.getAttributes());

        invokeRunner.run();

        invokeRunner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        assertEquals("FRONT", tencent.lastPlaintext().get("CardSide").asText());
        assertEquals(Base64.getEncoder().encodeToString(JPEG), tencent.lastPlaintext().get("ImageBase64").asText());
        final MockFlowFile answer = invokeRunner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst();
        answer.assertAttributeEquals(OcrAttributes.DECRYPTED, "true");
        answer.assertAttributeNotExists(OcrAttributes.ENCRYPTION_SESSION);
        final JsonNode response = OBJECT_MAPPER.readTree(answer.toByteArray()).get("Response");
        assertEquals("李明", response.get("Name").asText());
        assertEquals("440524198701010014", response.get("IdNum").asText());
        assertFalse(response.has("EncryptedBody"));
    }

    @Test
    void answerThatDoesNotDecryptGoesToFailure() throws Exception {
        encryptRunner.enqueue(JPEG);
        encryptRunner.run();
        final MockFlowFile encrypted = encryptRunner.getFlowFilesForRelationship(EncryptOCRPayload.REL_SUCCESS).getFirst();
        final String paidAnswer = "{\"Response\":{\"Name\":\"\",\"EncryptedBody\":\"AAAAAAAAAAAAAAAAAAAAAA==\","
                + "\"Encryption\":{\"Algorithm\":\"AES-256-CBC\",\"TagList\":null},\"RequestId\":\"r-9\"}}";
        server.enqueue(new MockResponse.Builder().body(paidAnswer).build());
        final TestRunner invokeRunner = runnerWithKeys(InvokeTencentOCR.class);
        invokeRunner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
        invokeRunner.enqueue(encrypted.toByteArray(), encrypted.getAttributes());

        invokeRunner.run();

        // the paid answer is kept, as it came, on failure; the request goes to original
        invokeRunner.assertTransferCount(InvokeTencentOCR.REL_FAILURE, 1);
        invokeRunner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 1);
        invokeRunner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 0);
        invokeRunner.assertQueueEmpty();
        final MockFlowFile failed = invokeRunner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.DECRYPTION_FAILED);
        assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("r-9"));
        failed.assertContentEquals(paidAnswer);
        failed.assertAttributeEquals(OcrAttributes.ENCRYPTION_SESSION, encrypted.getAttribute(OcrAttributes.ENCRYPTION_SESSION));
        invokeRunner.getFlowFilesForRelationship(InvokeTencentOCR.REL_ORIGINAL).getFirst().assertContentEquals(encrypted.toByteArray());
    }

    @Test
    void plainAnswerToAnEncryptedRequestIsNotMarkedDecrypted() throws Exception {
        encryptRunner.enqueue(JPEG);
        encryptRunner.run();
        final MockFlowFile encrypted = encryptRunner.getFlowFilesForRelationship(EncryptOCRPayload.REL_SUCCESS).getFirst();
        server.enqueue(new MockResponse.Builder().body("{\"Response\":{\"Name\":\"x\",\"RequestId\":\"r-plain\"}}").build());
        final TestRunner invokeRunner = runnerWithKeys(InvokeTencentOCR.class);
        invokeRunner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
        invokeRunner.enqueue(encrypted.toByteArray(), encrypted.getAttributes());

        invokeRunner.run();

        invokeRunner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        invokeRunner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst().assertAttributeEquals(OcrAttributes.DECRYPTED, "false");
    }

    @Test
    void failsAndYieldsWithoutTheAlgorithmsKey() {
        encryptRunner.setProperty(EncryptOCRPayload.ENVELOPE_ALGORITHM, EnvelopeAlgorithm.SM4_GCM.getValue());
        final StandardTencentCloudClientService service = (StandardTencentCloudClientService) encryptRunner.getControllerService(TestServices.SERVICE_ID);
        encryptRunner.disableControllerService(service);
        encryptRunner.removeProperty(service, StandardTencentCloudClientService.SM2_PUBLIC_KEY);
        encryptRunner.enableControllerService(service);
        encryptRunner.enqueue(JPEG);

        encryptRunner.run();

        encryptRunner.assertAllFlowFilesTransferred(EncryptOCRPayload.REL_FAILURE, 1);
        final MockFlowFile failed = encryptRunner.getFlowFilesForRelationship(EncryptOCRPayload.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.ENCRYPTION_NOT_CONFIGURED);
        assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("SM2 Public Key"));
        assertTrue(encryptRunner.isYieldCalled());
        final List<ConfigVerificationResult> results = encryptRunner.verify(Map.of());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.getFirst().getOutcome());
    }

    @Test
    void verifyNamesParametersTheEncryptedActionDoesNotDeclare() {
        encryptRunner.setProperty("CardSide", "FRONT");
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, encryptRunner.verify(Map.of()).get(1).getOutcome());

        encryptRunner.setProperty("Cardside", "FRONT");
        final ConfigVerificationResult names = encryptRunner.verify(Map.of()).get(1);
        assertEquals(ConfigVerificationResult.Outcome.FAILED, names.getOutcome());
        assertTrue(names.getExplanation().contains("[Cardside] (did you mean [CardSide]?)"), names.getExplanation());
    }

    @Test
    void refusesEmptyAndOversizeContent() {
        encryptRunner.enqueue(new byte[0]);
        encryptRunner.enqueue(new byte[8_000_000]);
        encryptRunner.run(2);
        final List<MockFlowFile> failed = encryptRunner.getFlowFilesForRelationship(EncryptOCRPayload.REL_FAILURE);
        assertEquals(2, failed.size());
        failed.getFirst().assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.EMPTY_CONTENT);
        failed.get(1).assertAttributeEquals(OcrAttributes.ERROR_CODE, ErrorClassifier.IMAGE_TOO_LARGE);
        assertEquals(8_000_000, failed.get(1).getSize());
    }

    @Test
    void serviceRefusesBadKeysAndMissingSecret() {
        final StandardTencentCloudClientService service = (StandardTencentCloudClientService) encryptRunner.getControllerService(TestServices.SERVICE_ID);
        encryptRunner.disableControllerService(service);
        encryptRunner.setProperty(service, StandardTencentCloudClientService.RSA_PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
        encryptRunner.assertNotValid(service);
        encryptRunner.setProperty(service, StandardTencentCloudClientService.RSA_PUBLIC_KEY, pem(rsa.getPublic().getEncoded()));
        encryptRunner.assertValid(service);
        encryptRunner.setProperty(service, StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET, "short");
        encryptRunner.assertNotValid(service);
        // the 16-character passphrase the old rule accepted
        encryptRunner.setProperty(service, StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET, "passwordpassword");
        encryptRunner.assertNotValid(service);
        final String explanation = encryptRunner.validate(service).toString();
        assertTrue(explanation.contains("openssl rand -base64 32") && !explanation.contains("passwordpassword"), explanation);
    }

    private TestRunner runnerWithKeys(final Class<? extends org.apache.nifi.processor.Processor> processor) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final String[] keyProperties = sm2PublicPem == null
                ? new String[]{StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION.getName(), "true",
                StandardTencentCloudClientService.RSA_PUBLIC_KEY.getName(), pem(rsa.getPublic().getEncoded()),
                StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET.getName(), SECRET}
                : new String[]{StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION.getName(), "true",
                StandardTencentCloudClientService.RSA_PUBLIC_KEY.getName(), Base64.getEncoder().encodeToString(pem(rsa.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII)),
                StandardTencentCloudClientService.SM2_PUBLIC_KEY.getName(), sm2PublicPem,
                StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET.getName(), SECRET};
        TestServices.addClientService(runner, server, keyProperties);
        runner.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        return runner;
    }

    private static String pem(final byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }
}
