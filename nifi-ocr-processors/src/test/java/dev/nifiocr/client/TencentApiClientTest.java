package dev.nifiocr.client;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client alone: what it sends (signed as Tencent's SDK verifies), and what it makes of each kind of answer or failure. */
class TencentApiClientTest {

    private static final TencentCredentials CREDENTIALS = new TencentCredentials("AKIDclient", "client-secret-key", "client-token");
    private static final byte[] PAYLOAD = "{\"ImageBase64\":\"aGVsbG8=\",\"LanguageType\":\"auto\"}".getBytes(StandardCharsets.UTF_8);
    private static final TencentApiRequest REQUEST = new TencentApiRequest("GeneralBasicOCR", "2018-11-19", PAYLOAD);

    private MockWebServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsTheSignedRequestAndReadsTheAnswer() throws Exception {
        final String answer = Fixtures.text("GeneralBasicOCR-1.json");
        server.enqueue(new MockResponse.Builder().code(200).body(answer).build());

        final TencentApiResponse response;
        try (TencentApiClient client = client(settings(endpoint(), "en-US", ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            response = client.invoke(REQUEST, CREDENTIALS);
        }

        assertTrue(response.successful());
        assertEquals(200, response.httpStatus());
        assertEquals(Fixtures.json("GeneralBasicOCR-1.json").at("/Response/RequestId").asText(), response.requestId());
        assertNull(response.errorCode());
        assertArrayEquals(answer.getBytes(StandardCharsets.UTF_8), response.body());
        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/", request.getTarget());
        assertArrayEquals(PAYLOAD, request.getBody().toByteArray(), "the payload goes out byte for byte");
        assertEquals("application/json; charset=utf-8", request.getHeaders().get("Content-Type"));
        assertEquals("GeneralBasicOCR", request.getHeaders().get("X-TC-Action"));
        assertEquals("2018-11-19", request.getHeaders().get("X-TC-Version"));
        assertEquals("ap-guangzhou", request.getHeaders().get("X-TC-Region"));
        assertEquals("en-US", request.getHeaders().get("X-TC-Language"));
        assertEquals("client-token", request.getHeaders().get("X-TC-Token"));
        assertEquals(server.getHostName() + ":" + server.getPort(), request.getHeaders().get("Host"));
        assertNull(SignatureVerifier.verify(request, CREDENTIALS.secretId(), CREDENTIALS.secretKey()), "Tencent's SDK accepts the signature");
    }

    @Test
    void signsAnotherServicesActionWithThatServiceAtACustomEndpoint() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"TaskId\":\"t-1\",\"RequestId\":\"r-1\"}}").build());
        final byte[] payload = "{\"FileType\":\"PDF\",\"FileBase64\":\"JVBERi0=\"}".getBytes(StandardCharsets.UTF_8);

        try (TencentApiClient client = client(settings(endpoint(), null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            assertTrue(client.invoke(new TencentApiRequest("CreateReconstructDocumentFlow", "2024-05-22", payload, "lkeap"), CREDENTIALS).successful());
        }

        final RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(server.getHostName() + ":" + server.getPort(), request.getHeaders().get("Host"), "a custom endpoint keeps its host");
        assertEquals("2024-05-22", request.getHeaders().get("X-TC-Version"));
        assertTrue(request.getHeaders().get("Authorization").contains("/lkeap/tc3_request"), request.getHeaders().get("Authorization"));
        assertNull(SignatureVerifier.verify(request, CREDENTIALS.secretId(), CREDENTIALS.secretKey(), "lkeap"), "Tencent's SDK accepts the signature");
        assertEquals("service is lkeap, not ocr", SignatureVerifier.verify(request, CREDENTIALS.secretId(), CREDENTIALS.secretKey()));
    }

    @Test
    void sendsAnotherServicesActionToThatServicesTencentHost() {
        assertEquals("https://lkeap.tencentcloudapi.com/",
                TencentApiClient.urlFor(okhttp3.HttpUrl.get("https://ocr.tencentcloudapi.com/"), "lkeap").toString());
        assertEquals("https://lkeap.ap-guangzhou.tencentcloudapi.com/",
                TencentApiClient.urlFor(okhttp3.HttpUrl.get("https://ocr.ap-guangzhou.tencentcloudapi.com/"), "lkeap").toString());
        assertEquals("https://ocr.tencentcloudapi.com/",
                TencentApiClient.urlFor(okhttp3.HttpUrl.get("https://ocr.tencentcloudapi.com/"), "ocr").toString());
        assertEquals("https://gateway.example.com:8443/",
                TencentApiClient.urlFor(okhttp3.HttpUrl.get("https://gateway.example.com:8443/"), "lkeap").toString(), "a private gateway keeps its URL");
        assertEquals("https://ocrx.example.com/",
                TencentApiClient.urlFor(okhttp3.HttpUrl.get("https://ocrx.example.com/"), "lkeap").toString());
    }

    @Test
    void takesTheErrorOfAnApiAnswerWhateverItsStatus() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.text("error-RequestLimitExceeded.json")).build());
        server.enqueue(new MockResponse.Builder().code(400)
                .body("{\"Response\":{\"Error\":{\"Code\":\"InvalidParameter\",\"Message\":\"bad\"},\"RequestId\":\"r-400\"}}").build());

        try (TencentApiClient client = client(settings(endpoint(), null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final TencentApiResponse throttled = client.invoke(REQUEST, CREDENTIALS);
            assertFalse(throttled.successful());
            assertEquals("RequestLimitExceeded", throttled.errorCode());
            assertFalse(throttled.errorMessage().isBlank());
            final TencentApiResponse invalid = client.invoke(REQUEST, CREDENTIALS);
            assertEquals(400, invalid.httpStatus());
            assertEquals("InvalidParameter", invalid.errorCode());
            assertEquals("bad", invalid.errorMessage());
            assertEquals("r-400", invalid.requestId());
        }
        assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-TC-Language"), "no Language, no header");
    }

    @Test
    void namesAnHttpErrorWithoutApiErrorByItsStatus() throws Exception {
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());

        try (TencentApiClient client = client(settings(endpoint(), null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final TencentApiResponse response = client.invoke(REQUEST, CREDENTIALS);
            assertEquals(502, response.httpStatus());
            assertEquals("HttpStatus.502", response.errorCode());
            assertTrue(response.errorMessage().startsWith("HTTP 502"), response.errorMessage());
        }
    }

    @Test
    void aSuccessStatusWithoutEnvelopeIsMalformedAndWasSent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\": [").build());

        try (TencentApiClient client = client(settings(endpoint(), null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final TencentApiException e = assertThrows(TencentApiException.class, () -> client.invoke(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.MALFORMED_RESPONSE, e.getErrorCode());
            assertTrue(e.isRequestSent());
        }
    }

    @Test
    void stopsReadingAnAnswerOverTheCap() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"Text\":\"" + "x".repeat(4096) + "\",\"RequestId\":\"r\"}}").build());

        try (TencentApiClient client = client(settings(endpoint(), null, 1024))) {
            final TencentApiException e = assertThrows(TencentApiException.class, () -> client.invoke(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.ANSWER_TOO_LARGE, e.getErrorCode());
            assertTrue(e.isRequestSent());
        }
    }

    @Test
    void aRefusedConnectionIsANetworkErrorNotSent() throws Exception {
        final URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        try (TencentApiClient client = client(settings(closed, null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final TencentApiException e = assertThrows(TencentApiException.class, () -> client.invoke(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.NETWORK_ERROR, e.getErrorCode());
            assertFalse(e.isRequestSent());
            assertFalse(e.getMessage().contains(CREDENTIALS.secretKey()));
        }
    }

    @Test
    void aSilentServerTimesOutAfterTheRequestWentOut() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"RequestId\":\"late\"}}").headersDelay(5, TimeUnit.SECONDS).build());
        final ClientSettings quick = new ClientSettings(endpoint(), "ap-guangzhou", null, Duration.ofSeconds(5), Duration.ofMillis(200),
                Duration.ofSeconds(5), null, null);

        try (TencentApiClient client = client(quick)) {
            final TencentApiException e = assertThrows(TencentApiException.class, () -> client.invoke(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.TIMEOUT, e.getErrorCode());
            assertTrue(e.isRequestSent());
        }
    }

    @Test
    void anAsynchronousCallAnswersAsAWaitingOneDoes() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.text("GeneralBasicOCR-1.json")).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\": {\"Error\": {\"Code\": \"FailedOperation.ImageDecodeFailed\"}}}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("<html>not json</html>").build());

        try (TencentApiClient client = client(settings(endpoint(), null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final TencentApiResponse answered = client.invokeAsync(REQUEST, CREDENTIALS).get(10, TimeUnit.SECONDS);
            assertTrue(answered.successful());
            assertEquals("FailedOperation.ImageDecodeFailed", client.invokeAsync(REQUEST, CREDENTIALS).get(10, TimeUnit.SECONDS).errorCode());
            final TencentApiException malformed = failure(client.invokeAsync(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.MALFORMED_RESPONSE, malformed.getErrorCode());
            assertTrue(malformed.isRequestSent());
        }
        assertNull(SignatureVerifier.verify(server.takeRequest(5, TimeUnit.SECONDS), CREDENTIALS.secretId(), CREDENTIALS.secretKey()));
    }

    @Test
    void anAsynchronousCallFailsAsAWaitingOneDoes() throws Exception {
        final URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (TencentApiClient client = client(settings(closed, null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final TencentApiException refused = failure(client.invokeAsync(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.NETWORK_ERROR, refused.getErrorCode());
            assertFalse(refused.isRequestSent());
        }
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        final ClientSettings oneSecondCall = new ClientSettings(endpoint(), null, null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), null, null, Duration.ofSeconds(1), ClientSettings.DEFAULT_MAX_ANSWER_BYTES);
        try (TencentApiClient client = client(oneSecondCall)) {
            final TencentApiException late = failure(client.invokeAsync(REQUEST, CREDENTIALS));
            assertEquals(TencentApiException.TIMEOUT, late.getErrorCode());
            assertTrue(late.getMessage().contains("Call Timeout"), late.getMessage());
            assertTrue(late.isRequestSent());
        }
    }

    /** OkHttp lets 5 asynchronous calls per host go at once by default: a window of 40 must not stop at 5. */
    @Test
    void fortyAsynchronousCallsAreOnTheWireAtOnce() throws Exception {
        final CountDownLatch allArrived = new CountDownLatch(40);
        final AtomicInteger connections = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(final RecordedRequest request) throws InterruptedException {
                if (request.getExchangeIndex() == 0) {
                    connections.incrementAndGet();
                }
                allArrived.countDown();
                allArrived.await(20, TimeUnit.SECONDS);
                return new MockResponse.Builder().code(200).body(Fixtures.text("GeneralBasicOCR-1.json")).build();
            }
        });

        try (TencentApiClient client = client(settings(endpoint(), null, ClientSettings.DEFAULT_MAX_ANSWER_BYTES))) {
            final List<CompletableFuture<TencentApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(client.invokeAsync(REQUEST, CREDENTIALS));
            }
            assertTrue(allArrived.await(20, TimeUnit.SECONDS), "40 requests waited at the server at once");
            for (final CompletableFuture<TencentApiResponse> call : calls) {
                assertTrue(call.get(20, TimeUnit.SECONDS).successful());
            }
            // a second round reuses the pooled connections: no new ones
            final int opened = connections.get();
            final List<CompletableFuture<TencentApiResponse>> again = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                again.add(client.invokeAsync(REQUEST, CREDENTIALS));
            }
            for (final CompletableFuture<TencentApiResponse> call : again) {
                assertTrue(call.get(20, TimeUnit.SECONDS).successful());
            }
            assertEquals(40, opened);
            assertEquals(40, connections.get(), "the pool kept the 40 connections");
        }
    }

    /** The exception a failed asynchronous call completed with: a TencentApiException itself, not wrapped. */
    static TencentApiException failure(final CompletableFuture<TencentApiResponse> call) throws Exception {
        final ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(TencentApiException.class, e.getCause());
    }

    private URI endpoint() {
        return URI.create("http://" + server.getHostName() + ":" + server.getPort());
    }

    private static TencentApiClient client(final ClientSettings settings) {
        return new TencentApiClient(settings, Clock.systemUTC());
    }

    private static ClientSettings settings(final URI endpoint, final String language, final long maxAnswerBytes) {
        return new ClientSettings(endpoint, "ap-guangzhou", language, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                null, null, ClientSettings.DEFAULT_CALL_TIMEOUT, maxAnswerBytes);
    }
}
