package dev.nifiocr.docs;

import dev.nifiocr.processors.EncryptOCRPayload;
import dev.nifiocr.processors.GetTencentOCRJobStatus;
import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.processors.OcrAttributes;
import dev.nifiocr.processors.SubmitTencentOCRJob;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.CredentialsStrategy;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users read, from Verify, bulletins and tencent.ocr.error.message, in the failures they meet first: never a Java
 * class name ("unreadable: NoSuchFileException", "PEM holds PEMKeyPair") nor a date in ZonedDateTime's own format
 * ("2026-12-06T00:00+08:00[Asia/Shanghai]"). Each case below met one of them before issue 26.
 */
class UserWordsTest {

    /** A qualified class name, or an exception's or error's class name, once Tencent's bracketed codes are set aside. */
    private static final Pattern JAVA = Pattern.compile("\\b(?:java|javax|jdk|sun|okhttp3|org\\.apache|org\\.bouncycastle|com\\.fasterxml)\\.[a-z]"
            + "|[A-Za-z](?:Exception|Error)\\b");
    private static final Pattern TENCENT_CODE = Pattern.compile("\\[[A-Za-z]+(?:\\.[A-Za-z0-9]+)*]");
    /** ZonedDateTime.toString and OffsetDateTime.toString: an offset after the time, a zone id in brackets. */
    private static final Pattern ZONED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:[+-]\\d{2}:\\d{2}|Z?\\[)");

    private MockWebServer server;
    private final Map<String, String> read = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void serviceVerifySpeaksInWords(@TempDir final Path directory) throws Exception {
        final String closed = "http://127.0.0.1:" + closedPort();
        final Path missing = directory.resolve("missing");
        verifyService("Default Chain, nothing found", Map.of("Credentials Strategy", CredentialsStrategy.DEFAULT_CHAIN.getValue(),
                "Metadata URL", closed + "/latest/meta-data/"));
        verifyService("Web Identity, no token file", Map.of("Credentials Strategy", CredentialsStrategy.WEB_IDENTITY.getValue(),
                "Web Identity Provider ID", "tke", "Web Identity Token File", missing.toString(), "Assume Role ARN", "qcs::cam::uin/100000000001:roleName/tke"));
        verifyService("Web Identity, token file a directory", Map.of("Credentials Strategy", CredentialsStrategy.WEB_IDENTITY.getValue(),
                "Web Identity Provider ID", "tke", "Web Identity Token File", directory.toString(), "Assume Role ARN", "qcs::cam::uin/100000000001:roleName/tke"));
        verifyService("Profile File, none", Map.of("Credentials Strategy", CredentialsStrategy.PROFILE_FILE.getValue(), "Profile File", missing.toString()));
        verifyService("Profile File, a directory", Map.of("Credentials Strategy", CredentialsStrategy.PROFILE_FILE.getValue(), "Profile File", directory.toString()));
        verifyService("Environment Variables, unset", Map.of("Credentials Strategy", CredentialsStrategy.ENVIRONMENT_VARIABLES.getValue()));
        verifyService("Assume Role, STS down", Map.of("Secret ID", TestServices.SECRET_ID, "Secret Key", TestServices.SECRET_KEY,
                "Assume Role ARN", "qcs::cam::uin/100000000001:roleName/nifi-ocr", "STS Endpoint", closed));
        verifyService("a private key for a public key", Map.of("Secret ID", TestServices.SECRET_ID, "Secret Key", TestServices.SECRET_KEY,
                "Sensitive Data Encryption Enabled", "true", "RSA Public Key", privateKeyPem(),
                "Session Key Protection Secret", Base64.getEncoder().encodeToString(new byte[32])));
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("error-AuthFailure.SignatureFailure.json")).build());
        verifyService("a budget, and Tencent refusing the key", Map.of("Secret ID", TestServices.SECRET_ID, "Secret Key", TestServices.SECRET_KEY,
                "Endpoint", server.url("/").toString(), "Verification Request Enabled", "true", "Daily Budget Enabled", "true", "Daily Budget", "10"));

        assertInWords();
        assertTrue(read.get("a budget, and Tencent refusing the key / Daily Budget").contains("resets at midnight, "), read.toString());
        assertFalse(read.get("a budget, and Tencent refusing the key / Daily Budget").contains("nodes"), "a single NiFi has no nodes to lease to");
        final List<String> chain = read.keySet().stream().filter(step -> step.startsWith("Default Chain, nothing found / Default Chain: ")).toList();
        assertEquals(4, chain.size(), "one step per source of the chain: " + read.keySet());
        chain.forEach(step -> assertFalse(read.get(step).contains("\n") || read.get(step).startsWith(step.substring(step.lastIndexOf(": ") + 2) + ": "
                + step.substring(step.lastIndexOf(": ") + 2)), read.get(step)));
    }

    @Test
    void processorVerifySpeaksInWords() throws Exception {
        final TestRunner invoke = TestServices.invokeRunner(server);
        invoke.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"LanguageType\": ");
        invoke.setProperty("IsWord", "true");
        verifyProcessor("InvokeTencentOCR", invoke, Map.of());
        invoke.setProperty(InvokeTencentOCR.OCR_ACTION, "CUSTOM");
        invoke.setProperty(InvokeTencentOCR.CUSTOM_ACTION, "${action}");
        verifyProcessor("InvokeTencentOCR, custom", invoke, Map.of("action", "GeneralBasicOCRR"));

        final TestRunner submit = TestServices.runner(SubmitTencentOCRJob.class, server);
        submit.setProperty("FileEndPage", "3");
        verifyProcessor("SubmitTencentOCRJob", submit, Map.of());
        verifyProcessor("GetTencentOCRJobStatus", TestServices.runner(GetTencentOCRJobStatus.class, server),
                Map.of(OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJobs", OcrAttributes.JOB_ID, "job-1"));
        verifyProcessor("EncryptOCRPayload", TestServices.runner(EncryptOCRPayload.class, server), Map.of());

        assertInWords();
    }

    @Test
    void bulletinsAndErrorMessagesSpeakInWords(@TempDir final Path directory) throws Exception {
        // a spent budget: one warning bulletin
        final TestRunner spent = TestServices.runner(InvokeTencentOCR.class, server, "Daily Budget Enabled", "true", "Daily Budget", "0");
        spent.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        spent.setProperty(InvokeTencentOCR.IMAGE_URL, "https://example.com/a.jpg");
        spent.enqueue(new byte[0]);
        spent.run();
        final List<LogMessage> warnings = spent.getControllerServiceLogger(TestServices.SERVICE_ID).getWarnMessages();
        assertEquals(1, warnings.size(), warnings.toString());
        read.put("budget spent (bulletin)", warnings.getFirst().getMsg());

        // credentials that cannot be had: the FlowFile says why
        final TestRunner unavailable = TestRunners.newTestRunner(InvokeTencentOCR.class);
        final StandardTencentCloudClientService service = new StandardTencentCloudClientService();
        unavailable.addControllerService(TestServices.SERVICE_ID, service);
        unavailable.setProperty(service, StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY.getValue());
        unavailable.setProperty(service, StandardTencentCloudClientService.WEB_IDENTITY_PROVIDER_ID, "tke");
        unavailable.setProperty(service, StandardTencentCloudClientService.WEB_IDENTITY_TOKEN_FILE, directory.resolve("token").toString());
        unavailable.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/tke");
        unavailable.setProperty(service, StandardTencentCloudClientService.ENDPOINT, server.url("/").toString());
        unavailable.enableControllerService(service);
        unavailable.setProperty(InvokeTencentOCR.CLIENT_SERVICE, TestServices.SERVICE_ID);
        unavailable.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        unavailable.setProperty(InvokeTencentOCR.IMAGE_URL, "https://example.com/a.jpg");
        unavailable.enqueue(new byte[0]);
        unavailable.run();
        final MockFlowFile failed = unavailable.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        read.put("credentials unavailable (tencent.ocr.error.message)", failed.getAttribute(OcrAttributes.ERROR_MESSAGE));
        assertTrue(failed.getAttribute(OcrAttributes.ERROR_MESSAGE).contains("no such file on this node"), failed.getAttributes().toString());

        assertInWords();
    }

    private void verifyService(final String title, final Map<String, String> properties) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        final StandardTencentCloudClientService service = new StandardTencentCloudClientService();
        runner.addControllerService("service", service);
        properties.forEach((name, value) -> runner.setProperty(service, name, value));
        record(title, runner.verify(service, Map.of()));
    }

    private void verifyProcessor(final String title, final TestRunner runner, final Map<String, String> attributes) {
        record(title, runner.verify(attributes));
    }

    private void record(final String title, final List<ConfigVerificationResult> results) {
        assertFalse(results.isEmpty(), title);
        for (final ConfigVerificationResult result : results) {
            read.put(title + " / " + result.getVerificationStepName(), result.getExplanation());
        }
    }

    private void assertInWords() {
        final List<String> java = new ArrayList<>();
        final List<String> zoned = new ArrayList<>();
        read.forEach((where, text) -> {
            if (JAVA.matcher(TENCENT_CODE.matcher(text).replaceAll("")).find()) {
                java.add(where + ": " + text);
            }
            if (ZONED.matcher(text).find()) {
                zoned.add(where + ": " + text);
            }
        });
        assertTrue(java.isEmpty(), "Java class names: " + java);
        assertTrue(zoned.isEmpty(), "ZonedDateTime's format: " + zoned);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String privateKeyPem() throws Exception {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
