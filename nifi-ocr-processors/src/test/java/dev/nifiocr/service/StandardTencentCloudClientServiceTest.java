package dev.nifiocr.service;

import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.ssl.SSLContextProvider;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockPropertyContext;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardTencentCloudClientServiceTest {

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
    void encryptionKeysCountOnlyWhenTheSwitchIsOn() {
        runner.setProperty(service, StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION, "true");
        runner.assertNotValid(service);
        assertTrue(runner.validate(service).toString().contains("set [RSA Public Key] or [SM2 Public Key]"), runner.validate(service).toString());

        runner.setProperty(service, StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION, "false");
        runner.assertValid(service);
        runner.enableControllerService(service);
        assertNull(service.getSensitiveDataKeys().rsaPublicKey());
        assertNull(service.getSensitiveDataKeys().sessionKeyProtection());
    }

    @Test
    void refusesInvalidEndpointsAndRates() {
        runner.assertValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "ftp://ocr.tencentcloudapi.com");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "ocr.tencentcloudapi.com/v3");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "https://ocr.ap-shanghai-fsi.tencentcloudapi.com");
        runner.assertValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0.5");
        runner.assertValid(service);
        runner.removeProperty(service, StandardTencentCloudClientService.SECRET_KEY);
        runner.assertNotValid(service);
    }

    @Test
    void verifiesOfflineByDefault() {
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());

        assertEquals(List.of("Resolve Credentials", "Resolve Endpoint", "Parse Public Keys", "Send Verification Request"),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertEquals(Outcome.SUCCESSFUL, results.get(0).getOutcome());
        assertTrue(results.get(0).getExplanation().contains("AKIDz8"));
        assertFalse(results.get(0).getExplanation().contains(TestServices.SECRET_ID));
        assertEquals(Outcome.SUCCESSFUL, results.get(1).getOutcome());
        assertEquals(Outcome.SUCCESSFUL, results.get(2).getOutcome());
        assertEquals(Outcome.SKIPPED, results.get(3).getOutcome());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void verificationRequestAcceptsParameterErrorsAndRefusesAuthErrors() throws Exception {
        runner.setProperty(service, StandardTencentCloudClientService.VERIFICATION_REQUEST_ENABLED, "true");
        server.enqueue(new MockResponse.Builder().body("{\"Response\":{\"Error\":{\"Code\":\"InvalidParameterValue.InvalidParameterValueLimit\","
                + "\"Message\":\"no image\"},\"RequestId\":\"r-1\"}}").build());
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("error-AuthFailure.SignatureFailure.json")).build());

        final ConfigVerificationResult accepted = runner.verify(service, Map.of()).get(3);
        final ConfigVerificationResult refused = runner.verify(service, Map.of()).get(3);

        assertEquals(Outcome.SUCCESSFUL, accepted.getOutcome());
        assertEquals(Outcome.FAILED, refused.getOutcome());
        assertTrue(refused.getExplanation().contains("AuthFailure.SignatureFailure"));
        final RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GeneralBasicOCR", recorded.getHeaders().get("X-TC-Action"));
        assertEquals("{}", recorded.getBody().utf8());
        assertNull(SignatureVerifier.verify(recorded, TestServices.SECRET_ID, TestServices.SECRET_KEY));
    }

    @Test
    void readsCredentialsFromEnvironmentVariables() {
        final MockPropertyContext context = new MockPropertyContext(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.ENVIRONMENT_VARIABLES.getValue()));

        final TencentCredentials credentials = StandardTencentCloudClientService.resolveCredentials(context, Map.of(
                "TENCENTCLOUD_SECRET_ID", "AKIDenv", "TENCENTCLOUD_SECRET_KEY", "env-key", "TENCENTCLOUD_SESSION_TOKEN", "env-token"), new MockComponentLog("id", this)).get();

        assertEquals(new TencentCredentials("AKIDenv", "env-key", "env-token"), credentials);
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> StandardTencentCloudClientService.resolveCredentials(context, Map.of("TENCENTCLOUD_SECRET_ID", "AKIDenv"), new MockComponentLog("id", this)));
        assertTrue(missing.getMessage().contains("TENCENTCLOUD_SECRET_KEY"));
    }

    @Test
    void readsCredentialsFromTheProfileFile(@TempDir final Path directory) throws Exception {
        useProfileFile(Files.writeString(directory.resolve("credentials"), "[default]\nsecret_id = AKIDprofile\nsecret_key = profile-key\n"));
        runner.enableControllerService(service);
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());

        service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));

        assertNull(SignatureVerifier.verify(server.takeRequest(5, TimeUnit.SECONDS), "AKIDprofile", "profile-key"));
    }

    private void useProfileFile(final Path file) {
        runner.setProperty(service, StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.PROFILE_FILE.getValue());
        runner.setProperty(service, StandardTencentCloudClientService.PROFILE_FILE, file.toString());
    }

    @Test
    void refusesToEnableWithoutUsableCredentials(@TempDir final Path directory) {
        useProfileFile(directory.resolve("missing"));

        assertThrows(Throwable.class, () -> runner.enableControllerService(service));
        final ConfigVerificationResult missing = runner.verify(service, Map.of()).getFirst();
        assertEquals(Outcome.FAILED, missing.getOutcome());
        assertTrue(missing.getExplanation().contains("failed: no such file on this node"), missing.getExplanation());
    }

    @Test
    void verifyNamesTheProfilesAFileHas(@TempDir final Path directory) throws Exception {
        useProfileFile(Files.writeString(directory.resolve("credentials"), "[prod]\nsecret_id=AKIDprod\nsecret_key=prod-key\n"));

        final ConfigVerificationResult result = runner.verify(service, Map.of()).getFirst();

        assertEquals(Outcome.FAILED, result.getOutcome());
        assertTrue(result.getExplanation().endsWith("Profile [default] not found in the profile file; its profiles are [prod]"), result.getExplanation());
        assertFalse(result.getExplanation().contains("prod-key"));
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
    void sharesOneRateLimitAndRefusesUseWhenDisabled() throws InitializationException {
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0.01");
        runner.enableControllerService(service);

        assertTrue(service.acquirePermit(Duration.ZERO));
        assertFalse(service.acquirePermit(Duration.ofMillis(10)));

        runner.disableControllerService(service);
        assertThrows(IllegalStateException.class, () -> service.acquirePermit(Duration.ZERO));
    }

    @Test
    void showsNoSecretInToString() throws InitializationException {
        runner.enableControllerService(service);
        assertEquals("StandardTencentCloudClientService[id=" + TestServices.SERVICE_ID + "]", service.toString());
        assertFalse(new TencentCredentials(TestServices.SECRET_ID, TestServices.SECRET_KEY, "token").toString().contains(TestServices.SECRET_KEY));
    }

    @Test
    void isReferencedByInvokeTencentOCR() {
        final TestRunner processorRunner = TestRunners.newTestRunner(InvokeTencentOCR.class);
        processorRunner.assertNotValid();
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
