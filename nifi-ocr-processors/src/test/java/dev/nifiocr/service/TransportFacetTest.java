package dev.nifiocr.service;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.ssl.SSLContextProvider;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's transport: region and language headers, the endpoint rule, TLS and proxy, the answer cap and the call deadline. */
class TransportFacetTest {

    private static final byte[] REQUEST = "{\"ImageUrl\":\"https://example.com/a.jpg\"}".getBytes(StandardCharsets.UTF_8);

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

    @Test
    void invokesWithRegionLanguageAndValidSignature() throws Exception {
        runner.setProperty(service, StandardTencentCloudClientService.REGION, TencentRegion.AP_SHANGHAI.getValue());
        runner.setProperty(service, StandardTencentCloudClientService.LANGUAGE, ResponseLanguage.EN_US.getValue());
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());

        final TencentApiResponse response = service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));

        assertTrue(response.successful());
        assertEquals(200, response.httpStatus());
        assertEquals("ap-shanghai", service.getRegion());
        final RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("ap-shanghai", recorded.getHeaders().get("X-TC-Region"));
        assertEquals("en-US", recorded.getHeaders().get("X-TC-Language"));
        assertNull(recorded.getHeaders().get("X-TC-Token"));
        assertEquals(new String(REQUEST, StandardCharsets.UTF_8), recorded.getBody().utf8());
        assertNull(SignatureVerifier.verify(recorded, TestServices.SECRET_ID, TestServices.SECRET_KEY));
    }

    @Test
    void asksForEnglishMessagesUnlessToldOtherwise() throws Exception {
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());
        service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));
        assertEquals("en-US", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-TC-Language"));

        runner.disableControllerService(service);
        runner.setProperty(service, StandardTencentCloudClientService.LANGUAGE, ResponseLanguage.ZH_CN.getValue());
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());
        service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));
        assertEquals("zh-CN", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-TC-Language"));
    }

    @Test
    void trustsTheSslContextService() throws Exception {
        final HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName(server.getHostName()).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory());
        final HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        final TestSslContextProvider sslContextProvider = new TestSslContextProvider(trust.sslContext(), trust.trustManager());
        runner.addControllerService("ssl", sslContextProvider);
        runner.enableControllerService(sslContextProvider);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, server.url("/").toString());
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());

        final TencentApiException untrusted = assertThrows(TencentApiException.class,
                () -> service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)));
        assertEquals(TencentApiException.NETWORK_ERROR, untrusted.getErrorCode());

        runner.disableControllerService(service);
        runner.setProperty(service, StandardTencentCloudClientService.SSL_CONTEXT_SERVICE, "ssl");
        runner.enableControllerService(service);
        assertTrue(service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).successful());
    }

    @Test
    void sendsThroughTheProxyConfigurationService() throws Exception {
        final TestProxyService proxyService = new TestProxyService(server.getHostName(), server.getPort());
        runner.addControllerService("proxy", proxyService);
        runner.enableControllerService(proxyService);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "http://ocr.tencentcloudapi.com");
        runner.setProperty(service, StandardTencentCloudClientService.ALLOW_PLAIN_HTTP, "true");
        runner.setProperty(service, StandardTencentCloudClientService.PROXY_CONFIGURATION_SERVICE, "proxy");
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());

        service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));

        final RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("ocr.tencentcloudapi.com", recorded.getHeaders().get("Host"));
        assertNull(SignatureVerifier.verify(recorded, TestServices.SECRET_ID, TestServices.SECRET_KEY));
    }

    @Test
    void refusesPlainHttpToANonLoopbackHostUnlessOptedIn() {
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "http://ocr.tencentcloudapi.com");
        runner.assertNotValid(service);
        final String explanation = runner.validate(service).stream().map(Object::toString).reduce("", String::concat);
        assertTrue(explanation.contains("clear text") && explanation.contains("Allow Plain HTTP"), explanation);
        final ConfigVerificationResult endpoint = runner.verify(service, Map.of()).stream()
                .filter(result -> result.getVerificationStepName().equals("Resolve Endpoint")).findFirst().orElseThrow();
        assertEquals(Outcome.FAILED, endpoint.getOutcome());
        assertTrue(endpoint.getExplanation().contains("clear text"), endpoint.getExplanation());

        runner.setProperty(service, StandardTencentCloudClientService.ALLOW_PLAIN_HTTP, "true");
        runner.assertValid(service);
        assertTrue(runner.verify(service, Map.of()).stream().anyMatch(result -> result.getExplanation().contains("WARNING: plain HTTP")));
    }

    @Test
    void acceptsHttpsAndPlainHttpToLoopback() {
        for (final String endpoint : List.of("ocr.tencentcloudapi.com", "https://ocr.tencentcloudapi.com", "http://127.0.0.1:8080",
                "http://localhost:8080", "http://[::1]:9000")) {
            runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, endpoint);
            runner.assertValid(service);
        }
        for (final String endpoint : List.of("http://10.0.0.5", "http://ocr.tencentcloudapi.com:80", "http://localhost.example.com")) {
            runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, endpoint);
            runner.assertNotValid(service);
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
        try (BufferedSink sink = Okio.buffer(new GzipSink(gzip))) {
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
        try (BufferedSink sink = Okio.buffer(new GzipSink(gzip))) {
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

    private static final class TestSslContextProvider extends AbstractControllerService implements SSLContextProvider {
        private final SSLContext context;
        private final X509TrustManager trustManager;

        TestSslContextProvider(final SSLContext context, final X509TrustManager trustManager) {
            this.context = context;
            this.trustManager = trustManager;
        }

        @Override
        public SSLContext createContext() {
            return context;
        }

        @Override
        public Optional<X509ExtendedKeyManager> createKeyManager() {
            return Optional.empty();
        }

        @Override
        public X509TrustManager createTrustManager() {
            return trustManager;
        }
    }

    static final class TestProxyService extends AbstractControllerService implements ProxyConfigurationService {
        private final ProxyConfiguration configuration = new ProxyConfiguration();

        TestProxyService(final String host, final int port) {
            configuration.setProxyType(Proxy.Type.HTTP);
            configuration.setProxyServerHost(host);
            configuration.setProxyServerPort(port);
        }

        @Override
        public ProxyConfiguration getConfiguration() {
            return configuration;
        }
    }
}
