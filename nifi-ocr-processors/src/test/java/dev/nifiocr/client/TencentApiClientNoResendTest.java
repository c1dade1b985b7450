package dev.nifiocr.client;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One call, at most one request: OkHttp must not re-send the signed request by itself, whatever the server answers. */
class TencentApiClientNoResendTest {

    private static final TencentCredentials CREDENTIALS = new TencentCredentials("AKIDtest", "secret-key", "token");
    private static final TencentApiRequest REQUEST = new TencentApiRequest("GeneralBasicOCR", "2018-11-19",
            "{\"ImageBase64\":\"aGVsbG8=\"}".getBytes(StandardCharsets.UTF_8));

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
    void doesNotResendOn503WithRetryAfterZero() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").body("busy").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"RequestId\":\"second\"}}").build());

        try (TencentApiClient client = client(URI.create("http://" + server.getHostName() + ":" + server.getPort()), null)) {
            final TencentApiResponse response = client.invoke(REQUEST, CREDENTIALS);
            assertEquals(503, response.httpStatus());
            assertEquals("HttpStatus.503", response.errorCode());
        }
        assertEquals(1, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 421, 401})
    void doesNotResendOnOtherFollowUpStatuses(final int status) throws Exception {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("WWW-Authenticate", "Basic realm=\"x\"").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"RequestId\":\"second\"}}").build());

        try (TencentApiClient client = client(URI.create("http://" + server.getHostName() + ":" + server.getPort()), null)) {
            assertEquals(status, client.invoke(REQUEST, CREDENTIALS).httpStatus());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void doesNotResendOnAStaleOrBrokenConnection() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"RequestId\":\"first\"}}").build());
        server.enqueue(new MockResponse.Builder().onRequestBody(new SocketEffect.CloseSocket(true, true, true)).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"RequestId\":\"again\"}}").build());

        try (TencentApiClient client = client(URI.create("http://" + server.getHostName() + ":" + server.getPort()), null)) {
            assertEquals("first", client.invoke(REQUEST, CREDENTIALS).requestId());
            // a re-send would have been answered "again" instead of failing
            assertEquals(TencentApiException.NETWORK_ERROR, assertThrows(TencentApiException.class, () -> client.invoke(REQUEST, CREDENTIALS)).getErrorCode());
        }
        // the server may close the socket before it counts the broken request, so 1 or 2, never the third
        assertTrue(server.getRequestCount() <= 2, "requests: " + server.getRequestCount());
    }

    /** A 407 from the origin inside the TLS tunnel: answering it would hand the proxy password to the origin and re-send. */
    @Test
    void answersProxyAuthenticationOnlyForConnect() throws Exception {
        final HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("ocr.example.test").build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        server.enqueue(new MockResponse.Builder().code(200).inTunnel().build());
        server.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"origin\"").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\":{\"RequestId\":\"second\"}}").build());
        final HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        final ClientSettings.ProxySettings proxy = new ClientSettings.ProxySettings(server.getProxyAddress(), "proxy-user", "proxy-password");

        try (TencentApiClient client = new TencentApiClient(settings(URI.create("https://ocr.example.test"),
                new ClientSettings.Tls(trust.sslContext(), trust.trustManager()), proxy), Clock.systemUTC())) {
            assertEquals(407, client.invoke(REQUEST, CREDENTIALS).httpStatus());
        }

        // OkHttp offers the credentials to the proxy with the CONNECT (preemptively); that is where they belong
        final RecordedRequest connect = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("CONNECT", connect.getMethod());
        assertEquals("Basic cHJveHktdXNlcjpwcm94eS1wYXNzd29yZA==", connect.getHeaders().get("Proxy-Authorization"));
        final RecordedRequest post = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", post.getMethod());
        assertNull(post.getHeaders().get("Proxy-Authorization"));
        assertEquals(2, server.getRequestCount());
    }

    private TencentApiClient client(final URI endpoint, final ClientSettings.ProxySettings proxy) {
        return new TencentApiClient(settings(endpoint, null, proxy), Clock.systemUTC());
    }

    private static ClientSettings settings(final URI endpoint, final ClientSettings.Tls tls, final ClientSettings.ProxySettings proxy) {
        return new ClientSettings(endpoint, "ap-guangzhou", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                tls, proxy);
    }
}
