package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.emulator.TemporaryCredentialsIssuer;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private static final Duration LIFETIME = Duration.ofSeconds(5);
    private static final Duration RUN = LIFETIME.multipliedBy(3).plusSeconds(2);

    @RegisterExtension
    static final NiFiFixture nifi = new NiFiFixture();

    @BeforeAll
    void shortenTheCredentialLifetime() {
        nifi.emulator().exampleAnswersOnly(true); // this test is about the client's flow, not about reading images
        nifi.emulator().temporaryCredentials().lifetime(LIFETIME);
    }

    @Test
    void runsLongerThanThreeCredentialLifetimesWithoutAFailure() throws Exception {
        final JsonNode fixed = fetchRoleCredentials();
        final String instanceRole = nifi.service("CVM Instance Role", Map.of(
                "Credentials Strategy", "CVM Instance Role",
                "Metadata URL", nifi.emulator().endpoint() + "/latest/meta-data/",
                "Rate Limit per Account", "50"));
        final String assumedRole = nifi.service("Assume Role", Map.of(
                "Assume Role ARN", "qcs::cam::uin/100000000001:roleName/nifi-ocr",
                "STS Endpoint", nifi.emulator().endpoint(),
                "Rate Limit per Account", "50"));
        final String fixedToken = nifi.service("Fixed Session Token", Map.of(
                "Secret ID", fixed.get("TmpSecretId").asText(),
                "Secret Key", fixed.get("TmpSecretKey").asText(),
                "Session Token", fixed.get("Token").asText()));

        final Connectable results = nifi.rest().createPort(nifi.root(), false, "results", 0, 600);
        final Connectable failed = nifi.rest().createPort(nifi.root(), false, "failed", 600, 600);
        final List<Connectable> inputs = new ArrayList<>();
        int x = 0;
        for (final String service : List.of(instanceRole, assumedRole, fixedToken)) {
            final Connectable input = nifi.rest().createPort(nifi.root(), true, "images " + x, x, 0);
            final Connectable invoke = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.InvokeTencentOCR", "InvokeTencentOCR " + x,
                    Map.of("Tencent Cloud Client Service", service, "Request Source", "Image URL", "Image URL", "https://example.com/scan.png"),
                    List.of("original"), x, 300);
            nifi.rest().connect(input, invoke, List.of());
            nifi.rest().connect(invoke, results, List.of("success"));
            nifi.rest().connect(invoke, failed, List.of("retry", "failure"));
            inputs.add(input);
            x += 600;
        }
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        int sent = 0;
        final Instant end = Instant.now().plus(RUN);
        while (Instant.now().isBefore(end)) {
            for (final Connectable input : inputs.subList(0, 2)) {
                nifi.send(input, List.of("scan".getBytes(StandardCharsets.UTF_8)), List.of(Map.of("filename", "scan-" + sent)));
                sent++;
            }
            Thread.sleep(250);
        }

        final List<SiteToSite.Received> succeeded = new ArrayList<>();
        final List<SiteToSite.Received> failures = new ArrayList<>();
        final Instant deadline = Instant.now().plusSeconds(30);
        while (succeeded.size() + failures.size() < sent && Instant.now().isBefore(deadline)) {
            succeeded.addAll(nifi.receive(results));
            failures.addAll(nifi.receive(failed));
            Thread.sleep(500);
        }
        nifi.send(inputs.get(2), List.of("scan".getBytes(StandardCharsets.UTF_8)), List.of(Map.of("filename", "control")));
        final List<SiteToSite.Received> control = new ArrayList<>();
        while (control.isEmpty() && Instant.now().isBefore(deadline.plusSeconds(30))) {
            control.addAll(nifi.receive(failed));
            Thread.sleep(500);
        }
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        final TemporaryCredentialsIssuer issuer = nifi.emulator().temporaryCredentials();
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
        final String bulletins = String.join("\n", nifi.rest().bulletins());
        assertFalse(bulletins.contains(NiFiFixture.SECRET_KEY) || bulletins.contains("tmp-key-") || bulletins.contains("tmp-token-"), bulletins);
    }

    /** One set of the emulated instance role's credentials, fetched as a CVM would. */
    private JsonNode fetchRoleCredentials() throws IOException {
        final Request request = new Request.Builder().url(nifi.emulator().endpoint() + "/latest/meta-data/cam/security-credentials/"
                + TemporaryCredentialsIssuer.ROLE_NAME).build();
        try (Response response = HTTP.newCall(request).execute()) {
            return OBJECT_MAPPER.readTree(response.body().bytes());
        }
    }
}
