package dev.nifiocr.service;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.MockValidationContext;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings checked where they are set, and the bounds of a call: the answer cap and the call deadline. */
class ServiceReliabilityTest {

    private static final byte[] REQUEST = "{\"ImageUrl\":\"https://example.com/a.jpg\"}".getBytes(StandardCharsets.UTF_8);
    private static final String HIDDEN = "hidden-token-text";

    private MockWebServer server;
    private TestRunner runner;
    private StandardTencentCloudClientService service;

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = TestServices.configuredService(runner, server);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    /** Each row: a setting that used to pass validation and fail every FlowFile later. The value never shows in the explanation. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "Session Token      | hidden-token-text\\r\\nX-Injected: 1",
            "Session Token      | hidden-token-text\\u0000",
            "Secret ID          | AKIDhidden-token-text\\n",
            "Secret ID          | AKID hidden-token-text",
            "Endpoint           | https://ocr.tencentcloudapi.com:99999",
            "Endpoint           | http://127.0.0.1:0",
            "Rate Limit per Account | 0.0000001",
            "Rate Limit per Account | 0",
            "RSA Public Key     | -----BEGIN PUBLIC KEY-----hidden-token-text-----END PUBLIC KEY-----",
            "Maximum Answer Size | lots",
            "Call Timeout       | soon"
    })
    void refusesSettingsThatCannotWorkWithoutEchoingThem(final String property, final String escapedValue) {
        final String value = escapedValue.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000");
        runner.setProperty(service, property, value);
        if (property.equals("RSA Public Key")) {
            runner.setProperty(service, StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION, "true");
            runner.setProperty(service, StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET, "ffk38ZscKhB/Y5D+LoTcEHfTYLkhXL2HNaAL+9GQaYA=");
        }

        runner.assertNotValid(service);
        final String explanations = validationText();
        assertTrue(explanations.contains(property), explanations);
        assertFalse(explanations.contains(HIDDEN), explanations);
        final IllegalStateException notEnabled = assertThrows(IllegalStateException.class, () -> runner.enableControllerService(service));
        assertFalse(String.valueOf(notEnabled.getMessage()).contains(HIDDEN));
    }

    @Test
    void acceptsTheSmallestRateAndAnyPort() {
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0.001");
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "https://ocr.tencentcloudapi.com:65535");
        runner.assertValid(service);
    }

    @Test
    void verifyNamesAnUnsendableTokenWithoutQuotingIt() {
        runner.setProperty(service, StandardTencentCloudClientService.SESSION_TOKEN, HIDDEN + "\r\nX-Injected: 1");
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        final ConfigVerificationResult credentials = results.getFirst();
        assertEquals(ConfigVerificationResult.Outcome.FAILED, credentials.getOutcome());
        assertTrue(credentials.getExplanation().contains("Session Token"));
        for (final ConfigVerificationResult result : results) {
            assertFalse(result.getExplanation().contains(HIDDEN), result.getExplanation());
        }
    }

    @Test
    void refusesAnAnswerOverTheCapBeforeReadingItWhole() throws Exception {
        runner.setProperty(service, StandardTencentCloudClientService.MAXIMUM_ANSWER_SIZE, "1 KB");
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body("{\"Response\":{\"Text\":\"" + "x".repeat(4096) + "\"}}").build());

        final TencentApiException tooLarge = assertThrows(TencentApiException.class, () -> service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)));

        assertEquals(TencentApiException.ANSWER_TOO_LARGE, tooLarge.getErrorCode());
        assertTrue(tooLarge.isRequestSent());
        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("identity", request.getHeaders().get("Accept-Encoding"));
    }

    @Test
    void countsDecodedBytesOfACompressedAnswer() throws Exception {
        // 4 MB of zeros is 4 KB of gzip: a server that compresses although asked not to must not inflate past the cap
        runner.setProperty(service, StandardTencentCloudClientService.MAXIMUM_ANSWER_SIZE, "1 MB");
        runner.enableControllerService(service);
        final Buffer gzip = new Buffer();
        try (okio.BufferedSink sink = Okio.buffer(new GzipSink(gzip))) {
            sink.writeUtf8("{\"Response\":{\"Text\":\"");
            sink.write(new byte[4 * 1024 * 1024]);
            sink.writeUtf8("\"}}");
        }
        assertTrue(gzip.size() < 64 * 1024);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Encoding", "gzip").body(gzip).build());

        final TencentApiException tooLarge = assertThrows(TencentApiException.class, () -> service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)));

        assertEquals(TencentApiException.ANSWER_TOO_LARGE, tooLarge.getErrorCode());
    }

    @Test
    void readsACompressedAnswerWithinTheCap() throws Exception {
        runner.enableControllerService(service);
        final Buffer gzip = new Buffer();
        try (okio.BufferedSink sink = Okio.buffer(new GzipSink(gzip))) {
            sink.write(Fixtures.bytes("GeneralBasicOCR-1.json"));
        }
        server.enqueue(new MockResponse.Builder().setHeader("Content-Encoding", "gzip").body(gzip).build());

        final byte[] body = service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).body();

        assertEquals(new String(Fixtures.bytes("GeneralBasicOCR-1.json"), StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void endsACallThatDripsPastTheCallTimeout() throws Exception {
        // every byte comes well within the read timeout; only the deadline of the whole call can end this
        runner.setProperty(service, StandardTencentCloudClientService.READ_TIMEOUT, "5 secs");
        runner.setProperty(service, StandardTencentCloudClientService.CALL_TIMEOUT, "1 sec");
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).throttleBody(1, 100, TimeUnit.MILLISECONDS).build());

        final TencentApiException timedOut = assertThrows(TencentApiException.class, () -> service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)));

        assertEquals(TencentApiException.TIMEOUT, timedOut.getErrorCode());
        assertTrue(timedOut.getMessage().contains("Call Timeout"));
        assertTrue(timedOut.isRequestSent());
    }

    private String validationText() {
        final MockValidationContext context = new MockValidationContext((MockProcessContext) runner.getProcessContext(), null);
        final Collection<ValidationResult> results = service.validate(context.getControllerServiceValidationContext(service));
        final StringBuilder text = new StringBuilder();
        for (final ValidationResult result : results) {
            if (!result.isValid()) {
                text.append(result.getSubject()).append(": ").append(result.getExplanation()).append('\n');
            }
        }
        return text.toString();
    }
}
