package dev.nifiocr.processors;

import dev.nifiocr.crypto.EnvelopeAlgorithm;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.CredentialsStrategy;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every class of bad input, setting and answer, driven through the processors and a real client service with nifi-mock.
 * For each: the FlowFile ends on exactly one relationship with the expected code, nothing is rolled back (the queue is
 * empty), no exception reaches the framework (run() would fail), and a call that reached the wire is a SEND and a call.
 */
class BadInputCorpusTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
    private static final Map<String, String> NOT_A_DATE = Map.of("d", "not a date");
    private static final String FAILING_EXPRESSION = "${d:toDate('yyyy-MM-dd')}";
    private static final String SUCCESS = "success";
    private static final String RETRY = "retry";
    private static final String FAILURE = "failure";

    @TempDir
    static Path profiles;
    private MockWebServer server;

    /**
     * @param name what is bad
     * @param serviceProperties client service properties, name and value pairs
     * @param arrange sets processor properties and answers on the server
     * @param content the FlowFile content
     * @param attributes the FlowFile attributes
     * @param relationship where the input FlowFile must end
     * @param code its tencent.ocr.error.code, or null for success
     * @param sent whether the request reached the wire: true, false, or null when a fault may strike either side of it
     */
    record Case(String name, List<String> serviceProperties, BiConsumer<TestRunner, MockWebServer> arrange, byte[] content,
                Map<String, String> attributes, String relationship, String code, Boolean sent) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void closeServer() throws IOException {
        server.close();
    }

    static Stream<Case> invokeTencentOcr() {
        return Stream.of(
                // content refused before any call, from the FlowFile's size
                local("empty content", none(), new byte[0], ErrorClassifier.EMPTY_CONTENT),
                local("empty request JSON", (runner, server) -> requestJson(runner), new byte[0], ErrorClassifier.EMPTY_CONTENT),
                local("request JSON that is not JSON", (runner, server) -> requestJson(runner), bytes("{\"ImageUrl\": "), ErrorClassifier.INVALID_REQUEST),
                local("request JSON that is an array", (runner, server) -> requestJson(runner), bytes("[1, 2]"), ErrorClassifier.INVALID_REQUEST),
                local("image over the Action's limit", (runner, server) -> runner.setProperty(InvokeTencentOCR.OCR_ACTION, "TableOCR"),
                        new byte[2_400_000], ErrorClassifier.IMAGE_TOO_LARGE),
                local("PDF for an Action that reads none", (runner, server) -> runner.setProperty(InvokeTencentOCR.OCR_ACTION, "IDCardOCR"),
                        bytes("%PDF-1.7\n"), ErrorClassifier.PDF_NOT_SUPPORTED),
                local("value of the wrong declared type", (runner, server) -> runner.setProperty("IsWords", "yes"), JPEG, ErrorClassifier.INVALID_REQUEST),
                local("Request Parameters that are not JSON", (runner, server) -> runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "${p}"),
                        JPEG, Map.of("p", "{not json"), ErrorClassifier.INVALID_REQUEST),
                // expressions that fail for this FlowFile's attributes
                local("failing expression in a dynamic property", (runner, server) -> runner.setProperty("PdfPageNumber", FAILING_EXPRESSION),
                        JPEG, NOT_A_DATE, ErrorClassifier.INVALID_PROPERTY),
                local("failing expression in Request Parameters", (runner, server) -> runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS,
                        "{\"d\": \"" + FAILING_EXPRESSION + "\"}"), JPEG, NOT_A_DATE, ErrorClassifier.INVALID_PROPERTY),
                local("failing expression in Image URL", (runner, server) -> {
                    runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
                    runner.setProperty(InvokeTencentOCR.IMAGE_URL, "https://example.com/" + FAILING_EXPRESSION);
                }, JPEG, NOT_A_DATE, ErrorClassifier.INVALID_PROPERTY),
                local("failing expression in Custom Action", (runner, server) -> {
                    runner.setProperty(InvokeTencentOCR.OCR_ACTION, InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue());
                    runner.setProperty(InvokeTencentOCR.CUSTOM_ACTION, FAILING_EXPRESSION);
                }, JPEG, NOT_A_DATE, ErrorClassifier.INVALID_PROPERTY),
                local("Custom Action that is not a name", (runner, server) -> {
                    runner.setProperty(InvokeTencentOCR.OCR_ACTION, InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue());
                    runner.setProperty(InvokeTencentOCR.CUSTOM_ACTION, "${missing}x y");
                }, JPEG, ErrorClassifier.INVALID_REQUEST),
                // credentials that cannot be sent: the profile file was rewritten with a line break in the token
                profileRewrittenWithToken("token-with\u0007bell"),
                // faults of the wire and the server
                called("HTTP 503", answer(503, "<html>Service Unavailable</html>"), RETRY, "HttpStatus.503"),
                called("throttled", answer(200, Fixtures.text("error-RequestLimitExceeded.json")), RETRY, "RequestLimitExceeded"),
                called("account error", answer(200, Fixtures.text("error-AuthFailure.SignatureFailure.json")), FAILURE, "AuthFailure.SignatureFailure"),
                new Case("connection refused", List.of(StandardTencentCloudClientService.ENDPOINT.getName(), "http://127.0.0.1:" + closedPort()),
                        none(), JPEG, Map.of(), RETRY, TencentApiException.NETWORK_ERROR, false),
                new Case("connection reset", List.of(), (runner, server) -> server.enqueue(new MockResponse.Builder()
                        .onRequestStart(new SocketEffect.CloseSocket()).build()), JPEG, Map.of(), RETRY, TencentApiException.NETWORK_ERROR, null),
                called("malformed JSON", answer(200, "{\"Response\": {\"RequestId\": "), RETRY, TencentApiException.MALFORMED_RESPONSE),
                called("truncated JSON", (runner, server) -> {
                    final byte[] whole = Fixtures.bytes("GeneralBasicOCR-1.json");
                    server.enqueue(new MockResponse.Builder().body(new String(whole, 0, whole.length / 2, StandardCharsets.UTF_8)).build());
                }, RETRY, TencentApiException.MALFORMED_RESPONSE),
                called("non-object JSON", answer(200, "[{\"Response\": {}}]"), RETRY, TencentApiException.MALFORMED_RESPONSE),
                called("data after the JSON object", answer(200, "{\"Response\": {\"RequestId\": \"r\"}} {\"Response\": {}}"), RETRY,
                        TencentApiException.MALFORMED_RESPONSE),
                called("Response.Error without Code", answer(200, "{\"Response\": {\"Error\": {}, \"RequestId\": \"r\"}}"), RETRY,
                        TencentApiException.MALFORMED_RESPONSE),
                called("duplicate Response hiding an error", answer(200, "{\"Response\": {\"Error\": {\"Code\": \"InternalError\"}}, "
                        + "\"Response\": {\"RequestId\": \"r\"}}"), RETRY, TencentApiException.MALFORMED_RESPONSE),
                new Case("answer over Maximum Answer Size", List.of(StandardTencentCloudClientService.MAXIMUM_ANSWER_SIZE.getName(), "1 KB"),
                        answer(200, "{\"Response\": {\"Text\": \"" + "x".repeat(4096) + "\"}}"), JPEG, Map.of(), FAILURE,
                        TencentApiException.ANSWER_TOO_LARGE, true),
                new Case("gzip bomb", List.of(StandardTencentCloudClientService.MAXIMUM_ANSWER_SIZE.getName(), "1 MB"),
                        (runner, server) -> server.enqueue(new MockResponse.Builder().setHeader("Content-Encoding", "gzip")
                                .body(gzip(new byte[4 * 1024 * 1024])).build()), JPEG, Map.of(), FAILURE, TencentApiException.ANSWER_TOO_LARGE, true),
                new Case("answer dripping past the Call Timeout", List.of(StandardTencentCloudClientService.CALL_TIMEOUT.getName(), "1 sec"),
                        (runner, server) -> server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json"))
                                .throttleBody(1, 100, TimeUnit.MILLISECONDS).build()), JPEG, Map.of(), RETRY, TencentApiException.TIMEOUT, true),
                called("answer in an encoding not asked for", (runner, server) -> server.enqueue(new MockResponse.Builder()
                        .setHeader("Content-Encoding", "br").body("compressed").build()), RETRY, TencentApiException.MALFORMED_RESPONSE),
                // encrypted requests whose answer cannot be decrypted: the paid answer is kept on failure, the input on original
                new Case("encrypted request, service without protection secret", List.of(), answer(200, Fixtures.text("GeneralBasicOCR-1.json")),
                        JPEG, Map.of(OcrAttributes.ENCRYPTION_ALGORITHM, "AES_256_CBC", OcrAttributes.ENCRYPTION_SESSION, "AAAA"), FAILURE,
                        ErrorClassifier.DECRYPTION_FAILED, true),
                new Case("encrypted request, session key attribute not Base64", withEncryptionKeys(), answer(200, Fixtures.text("GeneralBasicOCR-1.json")),
                        JPEG, Map.of(OcrAttributes.ENCRYPTION_ALGORITHM, "AES_256_CBC", OcrAttributes.ENCRYPTION_SESSION, "not base64!"), FAILURE,
                        ErrorClassifier.DECRYPTION_FAILED, true),
                new Case("encrypted request, session key of another protection secret", withEncryptionKeys(), answer(200, Fixtures.text("GeneralBasicOCR-1.json")),
                        JPEG, Map.of(OcrAttributes.ENCRYPTION_ALGORITHM, "AES_256_CBC", OcrAttributes.ENCRYPTION_SESSION, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), FAILURE,
                        ErrorClassifier.DECRYPTION_FAILED, true),
                new Case("encrypted request, unknown algorithm attribute", withEncryptionKeys(), answer(200, Fixtures.text("GeneralBasicOCR-1.json")),
                        JPEG, Map.of(OcrAttributes.ENCRYPTION_ALGORITHM, "ROT13", OcrAttributes.ENCRYPTION_SESSION, "AAAA"), FAILURE,
                        ErrorClassifier.DECRYPTION_FAILED, true),
                // an identifier with leading zeros for a parameter Tencent does not declare keeps its text
                called("undeclared parameter with leading zeros", (runner, server) -> {
                    runner.setProperty("SerialNo", "007");
                    answer(200, Fixtures.text("GeneralBasicOCR-1.json")).accept(runner, server);
                }, SUCCESS, null)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invokeTencentOcr(final Case corpusCase) throws Exception {
        final TestRunner runner = runner(InvokeTencentOCR.class, corpusCase);

        runner.run();

        assertOneEnd(runner, corpusCase);
        final long sends = runner.getProvenanceEvents().stream().filter(event -> event.getEventType() == ProvenanceEventType.SEND).count();
        if (corpusCase.sent() != null) {
            assertEquals(corpusCase.sent() ? 1 : 0, sends, "SEND events");
        }
        final Long calls = runner.getCounterValue(actionCounter(runner) + " Requests Sent");
        assertEquals(sends, calls == null ? 0 : calls, "calls counted");
        if (corpusCase.name().startsWith("undeclared")) {
            assertTrue(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8().contains("\"SerialNo\":\"007\""));
        }
    }

    static Stream<Case> encryptOcrPayload() {
        return Stream.of(
                local("empty content", none(), new byte[0], ErrorClassifier.EMPTY_CONTENT),
                local("image over the Action's limit", none(), new byte[8_000_000], ErrorClassifier.IMAGE_TOO_LARGE),
                local("failing expression in a dynamic property", (runner, server) -> runner.setProperty("CardSide", FAILING_EXPRESSION),
                        JPEG, NOT_A_DATE, ErrorClassifier.INVALID_PROPERTY),
                local("failing expression in Request Parameters", (runner, server) -> runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS,
                        "{\"d\": \"" + FAILING_EXPRESSION + "\"}"), JPEG, NOT_A_DATE, ErrorClassifier.INVALID_PROPERTY),
                local("request JSON that is not JSON", (runner, server) -> requestJson(runner), bytes("{"), ErrorClassifier.INVALID_REQUEST),
                new Case("no key for the algorithm", List.of(), (runner, server) -> runner.setProperty(EncryptOCRPayload.ENVELOPE_ALGORITHM, EnvelopeAlgorithm.SM4_GCM.getValue()),
                        JPEG, Map.of(), FAILURE, ErrorClassifier.ENCRYPTION_NOT_CONFIGURED, false)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void encryptOcrPayload(final Case corpusCase) throws Exception {
        final TestRunner runner = runner(EncryptOCRPayload.class, corpusCase);
        runner.run();
        assertOneEnd(runner, corpusCase);
        assertEquals(0, server.getRequestCount());
    }

    static Stream<Case> compressImage() {
        return Stream.of(
                local("Maximum Encoded Size from an attribute that is not a size", (runner, server) -> runner.setProperty(
                        CompressImage.MAXIMUM_ENCODED_SIZE, "${size}"), JPEG, Map.of("size", "big"), ErrorClassifier.INVALID_PROPERTY),
                local("Maximum Encoded Size from a missing attribute", (runner, server) -> runner.setProperty(
                        CompressImage.MAXIMUM_ENCODED_SIZE, "${size}"), JPEG, ErrorClassifier.INVALID_PROPERTY)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void compressImage(final Case corpusCase) {
        final TestRunner runner = TestRunners.newTestRunner(CompressImage.class);
        corpusCase.arrange().accept(runner, server);
        runner.enqueue(corpusCase.content(), corpusCase.attributes());
        runner.run();
        assertOneEnd(runner, corpusCase);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(FAILURE).getFirst();
        assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains(CompressImage.MAXIMUM_ENCODED_SIZE.getName()));
    }

    private TestRunner runner(final Class<? extends Processor> processor, final Case corpusCase) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        final List<String> serviceProperties = new ArrayList<>(corpusCase.serviceProperties());
        if (processor == EncryptOCRPayload.class) {
            serviceProperties.addAll(withEncryptionKeys());
        }
        TestServices.addClientService(runner, server, serviceProperties.toArray(new String[0]));
        runner.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        corpusCase.arrange().accept(runner, server);
        runner.enqueue(corpusCase.content(), corpusCase.attributes());
        return runner;
    }

    /** The input ends on the expected relationship alone (plus original beside success), with the code; nothing is left or rolled back. */
    private static void assertOneEnd(final TestRunner runner, final Case corpusCase) {
        runner.assertQueueEmpty();
        // success and a kept undecrypted answer come with the input on original
        final int expected = corpusCase.relationship().equals(SUCCESS) || ErrorClassifier.DECRYPTION_FAILED.equals(corpusCase.code()) ? 2 : 1;
        int transferred = 0;
        for (final String relationship : List.of(SUCCESS, "original", RETRY, FAILURE)) {
            if (runner.getProcessor().getRelationships().stream().anyMatch(r -> r.getName().equals(relationship))) {
                transferred += runner.getFlowFilesForRelationship(relationship).size();
            }
        }
        assertEquals(expected, transferred, "FlowFiles transferred");
        final MockFlowFile routed = runner.getFlowFilesForRelationship(corpusCase.relationship()).getFirst();
        if (corpusCase.code() == null) {
            routed.assertAttributeNotExists(OcrAttributes.ERROR_CODE);
        } else {
            routed.assertAttributeEquals(OcrAttributes.ERROR_CODE, corpusCase.code());
            final String message = routed.getAttribute(OcrAttributes.ERROR_MESSAGE);
            assertFalse(message.isBlank());
            for (final String secret : List.of(TestServices.SECRET_KEY, TestServices.SESSION_TOKEN, "token-with", "profile-key")) {
                assertFalse(message.contains(secret), message);
            }
        }
        runner.assertPenalizeCount(corpusCase.relationship().equals(RETRY) ? 1 : 0);
    }

    private static String actionCounter(final TestRunner runner) {
        final String action = runner.getProcessContext().getProperty(InvokeTencentOCR.OCR_ACTION).getValue();
        return InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue().equals(action) ? InvokeTencentOCR.CUSTOM_ACTION.getName() : action;
    }

    private static Case local(final String name, final BiConsumer<TestRunner, MockWebServer> arrange, final byte[] content, final String code) {
        return local(name, arrange, content, Map.of(), code);
    }

    private static Case local(final String name, final BiConsumer<TestRunner, MockWebServer> arrange, final byte[] content,
                              final Map<String, String> attributes, final String code) {
        return new Case(name, List.of(), arrange, content, attributes, FAILURE, code, false);
    }

    private static Case called(final String name, final BiConsumer<TestRunner, MockWebServer> arrange, final String relationship, final String code) {
        return new Case(name, List.of(), arrange, JPEG, Map.of(), relationship, code, true);
    }

    private static List<String> withEncryptionKeys() {
        return List.of(StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION.getName(), "true",
                StandardTencentCloudClientService.RSA_PUBLIC_KEY.getName(), RsaKey.PEM,
                StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET.getName(), "GYRZHu33G/CkVp+Qg5GgI5tabzkjCFdBSbgGlmFyI64=");
    }

    private static BiConsumer<TestRunner, MockWebServer> none() {
        return (runner, server) -> {
        };
    }

    private static BiConsumer<TestRunner, MockWebServer> answer(final int status, final String body) {
        return (runner, server) -> server.enqueue(new MockResponse.Builder().code(status).body(body).build());
    }

    private static void requestJson(final TestRunner runner) {
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
    }

    /** The profile is fine when the service is enabled, then rewritten with a token that cannot be sent. */
    private static Case profileRewrittenWithToken(final String token) {
        try {
            final Path file = Files.createTempFile(profiles, "credentials", "");
            final String profile = "[default]\nsecret_id=AKIDprofile\nsecret_key=profile-key\ntoken=";
            Files.writeString(file, profile + "good-token\n");
            return new Case("token with a control character in the rewritten profile file", List.of(
                    StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName(), CredentialsStrategy.PROFILE_FILE.getValue(),
                    StandardTencentCloudClientService.PROFILE_FILE.getName(), file.toString()), (runner, server) -> {
                try {
                    Files.writeString(file, profile + token + "\n");
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, JPEG, Map.of(), FAILURE, TencentApiException.CREDENTIALS_UNAVAILABLE, false);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Buffer gzip(final byte[] content) {
        final Buffer compressed = new Buffer();
        try (okio.BufferedSink sink = Okio.buffer(new GzipSink(compressed))) {
            sink.write(content);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A throwaway RSA public key for the envelope cases. */
    private static final class RsaKey {
        static final String PEM;

        static {
            try {
                final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(1024);
                PEM = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
            } catch (final GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
