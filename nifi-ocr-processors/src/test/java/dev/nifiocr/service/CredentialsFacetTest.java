package dev.nifiocr.service;

import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.processors.OcrAttributes;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockPropertyContext;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each credentials strategy of the client service against a MockWebServer playing metadata service, STS and OCR; the
 * credentials' checks, Verify step and first fetch after enabling.
 */
class CredentialsFacetTest {

    private static final byte[] REQUEST = "{\"ImageUrl\":\"https://example.com/a.jpg\"}".getBytes(StandardCharsets.UTF_8);
    private static final String METADATA = "/latest/meta-data/cam/security-credentials/";
    private static final String ROLE_KEY = "role-secret-key";
    private static final String ROLE_TOKEN = "role-token";
    private static final String STS_KEY = "sts-secret-key";
    private static final String HIDDEN = "hidden-token-text";

    private final FakeTencent tencent = new FakeTencent();
    private MockWebServer server;
    private TestRunner runner;
    private StandardTencentCloudClientService service;

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(tencent);
        server.start();
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardTencentCloudClientService();
        runner.addControllerService(TestServices.SERVICE_ID, service);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, url());
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    private String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    private void useInstanceRole() {
        runner.setProperty(service, StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE.getValue());
        runner.setProperty(service, StandardTencentCloudClientService.METADATA_URL, url() + "/latest/meta-data/");
    }

    @Test
    void signsWithTheInstanceRoleAndRefreshesItOnceWhenTencentRefusesTheToken() throws Exception {
        useInstanceRole();
        runner.enableControllerService(service);
        tencent.ocrAnswers.add(Fixtures.text("error-AuthFailure.SignatureFailure.json").replace("AuthFailure.SignatureFailure", "AuthFailure.TokenFailure"));

        final TencentApiResponse response = service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));

        assertTrue(response.successful());
        assertEquals(2, tencent.roleCredentialsIssued.get());
        assertEquals(2, tencent.ocrRequests.size());
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.get(0), "AKIDrole1", ROLE_KEY));
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.get(1), "AKIDrole2", ROLE_KEY));
        assertEquals(ROLE_TOKEN, tencent.ocrRequests.get(1).getHeaders().get("X-TC-Token"));
    }

    @Test
    void assumesARoleOnTopOfStaticKeysWithSignedStsCalls() throws Exception {
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, TestServices.SECRET_ID);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, TestServices.SECRET_KEY);
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/nifi-ocr");
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_EXTERNAL_ID, "external-1");
        runner.setProperty(service, StandardTencentCloudClientService.ROLE_SESSION_DURATION, "1 hour");
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, url());
        runner.setProperty(service, StandardTencentCloudClientService.REGION, TencentRegion.AP_SHANGHAI.getValue());
        runner.assertValid(service);
        runner.enableControllerService(service);

        assertTrue(service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).successful());

        final RecordedRequest assume = tencent.stsRequests.getFirst();
        assertNull(SignatureVerifier.verify(assume, TestServices.SECRET_ID, TestServices.SECRET_KEY, "sts"));
        assertEquals("ap-shanghai", assume.getHeaders().get("X-TC-Region"));
        assertTrue(assume.getBody().utf8().contains("\"DurationSeconds\":3600"));
        assertTrue(assume.getBody().utf8().contains("\"ExternalId\":\"external-1\""));
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDsts1", STS_KEY));
        assertEquals("sts-token", tencent.ocrRequests.getFirst().getHeaders().get("X-TC-Token"));
        assertEquals(assume.getConnectionIndex(), tencent.ocrRequests.getFirst().getConnectionIndex(),
                "the OCR call reuses the STS call's connection: STS goes through the service's connection pool");
    }

    @Test
    void refusesAnStsEndpointThatIsNotAHostOrUrl() {
        useInstanceRole();
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/narrow");
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, "ftp://sts.tencentcloudapi.com");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, "sts.ap-guangzhou.tencentcloudapi.com");
        runner.assertValid(service);
    }

    @Test
    void refusesPlainHttpToANonLoopbackStsEndpointUnlessOptedIn() {
        useInstanceRole();
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/narrow");
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, "http://sts.tencentcloudapi.com");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.ALLOW_PLAIN_HTTP, "true");
        runner.assertValid(service);
    }

    @Test
    void sendsStsCallsThroughTheProxyConfigurationService() throws Exception {
        final TransportFacetTest.TestProxyService proxy = new TransportFacetTest.TestProxyService(
                server.getHostName(), server.getPort());
        runner.addControllerService("proxy", proxy);
        runner.enableControllerService(proxy);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, TestServices.SECRET_ID);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, TestServices.SECRET_KEY);
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/nifi-ocr");
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, "http://sts.tencentcloudapi.com");
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "http://ocr.tencentcloudapi.com");
        runner.setProperty(service, StandardTencentCloudClientService.PROXY_CONFIGURATION_SERVICE, "proxy");
        runner.setProperty(service, StandardTencentCloudClientService.ALLOW_PLAIN_HTTP, "true");
        runner.enableControllerService(service);

        assertTrue(service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).successful());

        final RecordedRequest assume = tencent.stsRequests.getFirst();
        assertEquals("sts.tencentcloudapi.com", assume.getHeaders().get("Host"));
        assertNull(SignatureVerifier.verify(assume, TestServices.SECRET_ID, TestServices.SECRET_KEY, "sts"));
        assertEquals("ocr.tencentcloudapi.com", tencent.ocrRequests.getFirst().getHeaders().get("Host"));
    }

    @Test
    void assumesARoleOnTopOfTheInstanceRole() throws Exception {
        useInstanceRole();
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/narrow");
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, url());
        runner.enableControllerService(service);

        assertTrue(service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).successful());

        final RecordedRequest assume = tencent.stsRequests.getFirst();
        assertNull(SignatureVerifier.verify(assume, "AKIDrole1", ROLE_KEY, "sts"));
        assertEquals(ROLE_TOKEN, assume.getHeaders().get("X-TC-Token"));
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDsts1", STS_KEY));
    }

    @Test
    void assumesARoleWithWebIdentity(@TempDir final Path directory) throws Exception {
        final Path token = Files.writeString(directory.resolve("token"), "oidc-token");
        runner.setProperty(service, StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY.getValue());
        runner.setProperty(service, StandardTencentCloudClientService.WEB_IDENTITY_PROVIDER_ID, "tke-oidc");
        runner.setProperty(service, StandardTencentCloudClientService.WEB_IDENTITY_TOKEN_FILE, token.toString());
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/tke");
        runner.setProperty(service, StandardTencentCloudClientService.STS_ENDPOINT, url());
        runner.enableControllerService(service);

        assertTrue(service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).successful());

        assertEquals("SKIP", tencent.stsRequests.getFirst().getHeaders().get("Authorization"));
        assertTrue(tencent.stsRequests.getFirst().getBody().utf8().contains("\"WebIdentityToken\":\"oidc-token\""));
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDsts1", STS_KEY));
    }

    @Test
    void verifyNamesTheSourceTheExpiryAndTheNextRefreshButNoValue() {
        useInstanceRole();

        final ConfigVerificationResult result = runner.verify(service, Map.of()).getFirst();

        assertEquals(Outcome.SUCCESSFUL, result.getOutcome());
        final String explanation = result.getExplanation();
        assertTrue(explanation.startsWith("CVM Instance Role [nifi-ocr-role] answered"), explanation);
        assertTrue(explanation.contains("expiring at " + Instant.ofEpochSecond(tencent.expiredTime)));
        assertTrue(explanation.contains("next refresh due at " + Instant.ofEpochSecond(tencent.expiredTime - 300)));
        for (final String secret : List.of("AKIDrole1", ROLE_KEY, ROLE_TOKEN)) {
            assertFalse(explanation.contains(secret));
        }
    }

    @Test
    void sendsFlowFilesToFailureAndYieldsWhenNoValidCredentialsAreLeft() throws Exception {
        useInstanceRole();
        final TestRunner processor = TestRunners.newTestRunner(InvokeTencentOCR.class);
        processor.addControllerService(TestServices.SERVICE_ID, service);
        processor.setProperty(service, StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE.getValue());
        processor.setProperty(service, StandardTencentCloudClientService.METADATA_URL, url() + "/latest/meta-data/");
        processor.setProperty(service, StandardTencentCloudClientService.ENDPOINT, url());
        processor.enableControllerService(service);
        awaitFirstFetch();
        processor.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        processor.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        processor.setProperty(InvokeTencentOCR.IMAGE_URL, "https://example.com/a.jpg");
        tencent.metadataDown.set(true);
        tencent.ocrAnswers.add(Fixtures.text("error-AuthFailure.SignatureFailure.json").replace("AuthFailure.SignatureFailure", "AuthFailure.TokenFailure"));
        processor.enqueue(new byte[0]);
        processor.enqueue(new byte[0]);

        processor.run(2);

        final List<MockFlowFile> failed = processor.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE);
        assertEquals(2, failed.size());
        failed.getFirst().assertAttributeEquals(OcrAttributes.ERROR_CODE, "AuthFailure.TokenFailure");
        final MockFlowFile unavailable = failed.get(1);
        unavailable.assertAttributeEquals(OcrAttributes.ERROR_CODE, TencentApiException.CREDENTIALS_UNAVAILABLE);
        unavailable.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "ACCOUNT");
        final String message = unavailable.getAttribute(OcrAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("CVM Instance Role [nifi-ocr-role]") && message.contains("HTTP 500"), message);
        assertTrue(processor.isYieldCalled());
        assertEquals(1, tencent.ocrRequests.size());
        final String logged = TestServices.allLogText(processor.getLogger()) + failed.toString() + failed.getFirst().getAttributes() + unavailable.getAttributes();
        for (final String secret : List.of(ROLE_KEY, ROLE_TOKEN)) {
            assertFalse(logged.contains(secret));
        }
        assertFalse(processor.getLogger().getErrorMessages().isEmpty());
    }

    @Test
    void defaultChainFallsThroughToTheInstanceRole(@TempDir final Path directory) {
        final MockPropertyContext context = new MockPropertyContext(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.DEFAULT_CHAIN.getValue(),
                StandardTencentCloudClientService.METADATA_URL, url() + "/latest/meta-data/"));
        final Map<String, String> environment = Map.of(CredentialsProviders.ENV_CREDENTIALS_FILE, directory.resolve("none").toString());

        try (CredentialsProvider chain = CredentialsProviders.resolve(context, environment, OkHttpClient::new, new MockComponentLog("chain", this))) {
            assertEquals("AKIDrole1", chain.get().secretId());
            assertEquals("Default Chain: CVM Instance Role [nifi-ocr-role]", chain.status().source());
        }
    }

    @Test
    void defaultChainPrefersTheEnvironment() {
        final MockPropertyContext context = new MockPropertyContext(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.DEFAULT_CHAIN.getValue(),
                StandardTencentCloudClientService.METADATA_URL, url() + "/latest/meta-data/"));
        final Map<String, String> environment = Map.of("TENCENTCLOUD_SECRET_ID", "AKIDenv", "TENCENTCLOUD_SECRET_KEY", "env-key");

        try (CredentialsProvider chain = CredentialsProviders.resolve(context, environment, OkHttpClient::new, new MockComponentLog("chain", this))) {
            assertEquals("AKIDenv", chain.get().secretId());
            assertEquals(0, tencent.roleCredentialsIssued.get());
        }
    }

    @Test
    void readsCredentialsFromEnvironmentVariables() {
        final MockPropertyContext context = new MockPropertyContext(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.ENVIRONMENT_VARIABLES.getValue()));

        final TencentCredentials credentials = CredentialsProviders.resolve(context, Map.of(
                "TENCENTCLOUD_SECRET_ID", "AKIDenv", "TENCENTCLOUD_SECRET_KEY", "env-key", "TENCENTCLOUD_SESSION_TOKEN", "env-token"), OkHttpClient::new,
                new MockComponentLog("id", this)).get();

        assertEquals(new TencentCredentials("AKIDenv", "env-key", "env-token"), credentials);
        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CredentialsProviders.resolve(context, Map.of("TENCENTCLOUD_SECRET_ID", "AKIDenv"), OkHttpClient::new, new MockComponentLog("id", this)));
        assertTrue(missing.getMessage().contains("TENCENTCLOUD_SECRET_KEY"));
    }

    @Test
    void readsCredentialsFromTheProfileFile(@TempDir final Path directory) throws Exception {
        useProfileFile(Files.writeString(directory.resolve("credentials"), "[default]\nsecret_id = AKIDprofile\nsecret_key = profile-key\n"));
        runner.enableControllerService(service);

        service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST));

        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDprofile", "profile-key"));
    }

    private void useProfileFile(final Path file) {
        runner.setProperty(service, StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.PROFILE_FILE.getValue());
        runner.setProperty(service, StandardTencentCloudClientService.PROFILE_FILE, file.toString());
    }

    /** Enabling reads no credentials (issue 22): a missing profile file fails the requests, not the enabling, until it appears. */
    @Test
    void enablesWithoutUsableCredentialsAndRecoversOnceTheyAppear(@TempDir final Path directory) throws Exception {
        final Path file = directory.resolve("missing");
        useProfileFile(file);
        final ConfigVerificationResult missing = runner.verify(service, Map.of()).getFirst();
        assertEquals(Outcome.FAILED, missing.getOutcome());
        assertTrue(missing.getExplanation().contains("failed: no such file on this node"), missing.getExplanation());

        runner.enableControllerService(service);
        final TencentApiException unavailable = assertThrows(TencentApiException.class,
                () -> service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)));
        assertEquals(TencentApiException.CREDENTIALS_UNAVAILABLE, unavailable.getErrorCode());
        assertTrue(unavailable.getMessage().contains("failed: no such file on this node"), unavailable.getMessage());
        assertTrue(tencent.ocrRequests.isEmpty());

        Files.writeString(file, "[default]\nsecret_id = AKIDprofile\nsecret_key = profile-key\n");
        assertTrue(service.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", REQUEST)).successful());
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDprofile", "profile-key"));
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
    void verifyNamesAnUnsendableTokenWithoutQuotingIt() {
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, TestServices.SECRET_ID);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, TestServices.SECRET_KEY);
        runner.setProperty(service, StandardTencentCloudClientService.SESSION_TOKEN, HIDDEN + "\r\nX-Injected: 1");
        final List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        final ConfigVerificationResult credentials = results.getFirst();
        assertEquals(ConfigVerificationResult.Outcome.FAILED, credentials.getOutcome());
        assertTrue(credentials.getExplanation().contains("Session Token"));
        for (final ConfigVerificationResult result : results) {
            assertFalse(result.getExplanation().contains(HIDDEN), result.getExplanation());
        }
    }

    /**
     * The first credentials are fetched on the service's own thread right after enabling. Once the metadata service has
     * issued them, that fetch holds the provider's refresh lock or is done, so a request signs with them.
     */
    private void awaitFirstFetch() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tencent.roleCredentialsIssued.get() == 0) {
            assertTrue(System.nanoTime() < deadline, "no first fetch of credentials within 30 s");
            Thread.sleep(20);
        }
    }

    /** Metadata service, STS and OCR in one: role and STS credentials rotate on every call; OCR answers from a queue, then success. */
    private static final class FakeTencent extends Dispatcher {
        private final long expiredTime = Instant.now().getEpochSecond() + 3600;
        private final AtomicInteger roleCredentialsIssued = new AtomicInteger();
        private final AtomicInteger stsCredentialsIssued = new AtomicInteger();
        private final AtomicBoolean metadataDown = new AtomicBoolean();
        private final Queue<String> ocrAnswers = new ConcurrentLinkedQueue<>();
        private final List<RecordedRequest> ocrRequests = Collections.synchronizedList(new ArrayList<>());
        private final List<RecordedRequest> stsRequests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public MockResponse dispatch(final RecordedRequest request) {
            final String target = request.getTarget();
            if (target.startsWith(METADATA)) {
                if (metadataDown.get()) {
                    return new MockResponse.Builder().code(500).build();
                }
                if (target.equals(METADATA)) {
                    return new MockResponse.Builder().body("nifi-ocr-role").build();
                }
                return new MockResponse.Builder().body("""
                        {"TmpSecretId": "AKIDrole%d", "TmpSecretKey": "%s", "ExpiredTime": %d, "Token": "%s", "Code": "Success"}"""
                        .formatted(roleCredentialsIssued.incrementAndGet(), ROLE_KEY, expiredTime, ROLE_TOKEN)).build();
            }
            final String action = request.getHeaders().get("X-TC-Action");
            if ("AssumeRole".equals(action) || "AssumeRoleWithWebIdentity".equals(action)) {
                stsRequests.add(request);
                return new MockResponse.Builder().body("""
                        {"Response": {"Credentials": {"Token": "sts-token", "TmpSecretId": "AKIDsts%d", "TmpSecretKey": "%s"},
                         "ExpiredTime": %d, "RequestId": "r-sts"}}""".formatted(stsCredentialsIssued.incrementAndGet(), STS_KEY, expiredTime)).build();
            }
            ocrRequests.add(request);
            final String answer = ocrAnswers.poll();
            return new MockResponse.Builder().body(answer != null ? answer : Fixtures.text("GeneralBasicOCR-1.json")).build();
        }
    }
}
