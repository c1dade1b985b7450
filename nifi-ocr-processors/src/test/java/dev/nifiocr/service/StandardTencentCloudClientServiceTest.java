package dev.nifiocr.service;

import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.reporting.InitializationException;
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

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as its facets compose it: the property list users see, settings checked where they are set (whichever
 * facet owns them), the keys switch, Verify's steps in order, and no secret in what it shows.
 */
class StandardTencentCloudClientServiceTest {

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

    @Test
    void showsThePropertiesInTheOrderUsersKnow() {
        assertEquals(List.of("Credentials Strategy", "Secret ID", "Secret Key", "Session Token", "Profile File", "Profile Name", "CVM Role Name",
                "Metadata URL", "Web Identity Provider ID", "Web Identity Token File", "Assume Role ARN", "Role Session Name", "Role Session Duration",
                "Assume Role Policy", "Assume Role External ID", "STS Endpoint", "Region", "Endpoint",
                "Allow Plain HTTP", "Language", "Connect Timeout", "Read Timeout", "Write Timeout", "Call Timeout", "Maximum Answer Size",
                "Rate Limit per Account", "Daily Budget Enabled", "Daily Budget", "Daily Budget per Action", "Budget Time Zone", "SSL Context Service",
                "Proxy Configuration Service", "Sensitive Data Encryption Enabled", "RSA Public Key", "SM2 Public Key",
                "Session Key Protection Secret", "Verification Request Enabled"),
                service.getPropertyDescriptors().stream().map(PropertyDescriptor::getName).toList());
        // the defaults the client's own constants hold, written once
        assertEquals("90 secs", StandardTencentCloudClientService.CALL_TIMEOUT.getDefaultValue());
        assertEquals("32 MB", StandardTencentCloudClientService.MAXIMUM_ANSWER_SIZE.getDefaultValue());
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
