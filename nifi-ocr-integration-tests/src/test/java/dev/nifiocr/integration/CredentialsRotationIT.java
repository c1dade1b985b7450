package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.emulator.TemporaryCredentialsIssuer;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
import dev.nifiocr.rig.SiteToSite;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Temporary credentials in a real NiFi 2.3.0: the emulator issues credentials that live 5 seconds, one client service
 * takes them from the emulated CVM metadata service, another assumes a role with STS on top of an API key, and a flow
 * runs through both for more than three lifetimes. Every FlowFile must succeed: none may fail for an expired token.
 * As a control, a third service is given one set of the emulator's credentials as a fixed Session Token: once that set
 * has expired, its FlowFile fails with AuthFailure.TokenFailure, so the emulator does refuse expired credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsRotationIT {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final String SECRET_ID = "AKIDrotation0000000000000000000000";
    private static final String SECRET_KEY = "rotation-secret-key";
    private static final String SERVICE_TYPE = "dev.nifiocr.service.StandardTencentCloudClientService";
    private static final Duration LIFETIME = Duration.ofSeconds(5);
    private static final Duration RUN = LIFETIME.multipliedBy(3).plusSeconds(2);

    private NiFiRig nifi;
    private NiFiRestClient rest;
    private TencentOcrEmulator emulator;

    @BeforeAll
    void startNiFiAndEmulator() throws Exception {
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
        emulator.exampleAnswersOnly(true); // this test is about the client's flow, not about reading images
        emulator.temporaryCredentials().lifetime(LIFETIME);
        nifi = NiFiRig.start(Path.of(System.getProperty("nifi.rig.directory", "target/nifi")), NiFiRig.freePort(), Duration.ofMinutes(3));
        rest = nifi.client();
    }

    @AfterAll
    void stop() {
        if (nifi != null) {
            nifi.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void runsLongerThanThreeCredentialLifetimesWithoutAFailure() throws Exception {
        final String root = rest.rootGroupId();
        final JsonNode fixed = fetchRoleCredentials();
        final String instanceRole = rest.createControllerService(root, SERVICE_TYPE, "CVM Instance Role", Map.of(
                "Credentials Strategy", "CVM Instance Role",
                "Metadata URL", emulator.endpoint() + "/latest/meta-data/",
                "Endpoint", emulator.endpoint(),
                "Rate Limit per Account", "50"));
        final String assumedRole = rest.createControllerService(root, SERVICE_TYPE, "Assume Role", Map.of(
                "Secret ID", SECRET_ID,
                "Secret Key", SECRET_KEY,
                "Assume Role ARN", "qcs::cam::uin/100000000001:roleName/nifi-ocr",
                "STS Endpoint", emulator.endpoint(),
                "Endpoint", emulator.endpoint(),
                "Rate Limit per Account", "50"));
        final String fixedToken = rest.createControllerService(root, SERVICE_TYPE, "Fixed Session Token", Map.of(
                "Secret ID", fixed.get("TmpSecretId").asText(),
                "Secret Key", fixed.get("TmpSecretKey").asText(),
                "Session Token", fixed.get("Token").asText(),
                "Endpoint", emulator.endpoint()));
        rest.enableControllerService(instanceRole, Duration.ofSeconds(30));
        rest.enableControllerService(assumedRole, Duration.ofSeconds(30));
        rest.enableControllerService(fixedToken, Duration.ofSeconds(30));

        final Connectable results = rest.createPort(root, false, "results", 0, 600);
        final Connectable failed = rest.createPort(root, false, "failed", 600, 600);
        final List<Connectable> inputs = new ArrayList<>();
        int x = 0;
        for (final String service : List.of(instanceRole, assumedRole, fixedToken)) {
            final Connectable input = rest.createPort(root, true, "images " + x, x, 0);
            final Connectable invoke = rest.createProcessor(root, "dev.nifiocr.processors.InvokeTencentOCR", "InvokeTencentOCR " + x,
                    Map.of("Tencent Cloud Client Service", service, "Request Source", "Image URL", "Image URL", "https://example.com/scan.png"),
                    List.of("original"), x, 300);
            rest.connect(input, invoke, List.of());
            rest.connect(invoke, results, List.of("success"));
            rest.connect(invoke, failed, List.of("retry", "failure"));
            inputs.add(input);
            x += 600;
        }
        rest.setGroupState(root, "RUNNING");

        int sent = 0;
        final Instant end = Instant.now().plus(RUN);
        while (Instant.now().isBefore(end)) {
            for (final Connectable input : inputs.subList(0, 2)) {
                SiteToSite.send(nifi.baseUrl(), input.id(), List.of("scan".getBytes(StandardCharsets.UTF_8)), List.of(Map.of("filename", "scan-" + sent)));
                sent++;
            }
            Thread.sleep(250);
        }

        final List<SiteToSite.Received> succeeded = new ArrayList<>();
        final List<SiteToSite.Received> failures = new ArrayList<>();
        final Instant deadline = Instant.now().plusSeconds(30);
        while (succeeded.size() + failures.size() < sent && Instant.now().isBefore(deadline)) {
            succeeded.addAll(SiteToSite.receive(nifi.baseUrl(), results.id()));
            failures.addAll(SiteToSite.receive(nifi.baseUrl(), failed.id()));
            Thread.sleep(500);
        }
        SiteToSite.send(nifi.baseUrl(), inputs.get(2).id(), List.of("scan".getBytes(StandardCharsets.UTF_8)), List.of(Map.of("filename", "control")));
        final List<SiteToSite.Received> control = new ArrayList<>();
        while (control.isEmpty() && Instant.now().isBefore(deadline.plusSeconds(30))) {
            control.addAll(SiteToSite.receive(nifi.baseUrl(), failed.id()));
            Thread.sleep(500);
        }
        rest.setGroupState(root, "STOPPED");

        final TemporaryCredentialsIssuer issuer = emulator.temporaryCredentials();
        System.out.printf("CredentialsRotationIT: %d FlowFiles in %s, %d succeeded, %d failed; %d temporary credentials issued, "
                + "%d OCR requests refused as signed with expired credentials (the control included)%n", sent, RUN, succeeded.size(), failures.size(),
                issuer.issuedCount(), issuer.expiredRejections());
        assertEquals(List.of(), failures.stream().map(f -> f.attributes().get("tencent.ocr.error.code") + " " + f.attributes().get("tencent.ocr.error.message")).toList());
        assertEquals(sent, succeeded.size());
        assertTrue(sent > 20);
        // each service needs a new set at least every lifetime: 3 lifetimes and more for two services
        assertTrue(issuer.issuedCount() >= 8, "issued " + issuer.issuedCount());
        assertEquals(1, control.size());
        assertEquals("control", control.getFirst().attributes().get("filename"));
        assertEquals("AuthFailure.TokenFailure", control.getFirst().attributes().get("tencent.ocr.error.code"));
        assertTrue(issuer.expiredRejections() >= 1);
        final String bulletins = String.join("\n", rest.bulletins());
        assertFalse(bulletins.contains(SECRET_KEY) || bulletins.contains("tmp-key-") || bulletins.contains("tmp-token-"), bulletins);
    }

    /** One set of the emulated instance role's credentials, fetched as a CVM would. */
    private JsonNode fetchRoleCredentials() throws IOException {
        final Request request = new Request.Builder().url(emulator.endpoint() + "/latest/meta-data/cam/security-credentials/"
                + TemporaryCredentialsIssuer.ROLE_NAME).build();
        try (Response response = HTTP.newCall(request).execute()) {
            return OBJECT_MAPPER.readTree(response.body().bytes());
        }
    }
}
