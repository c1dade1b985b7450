package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceRoleSourceTest {

    private static final String PATH = "/latest/meta-data/cam/security-credentials/";

    private MockWebServer server;
    private InstanceRoleSource source;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    static String roleAnswer(final String secretId, final long expiredTime) {
        return """
                {"TmpSecretId": "%s", "TmpSecretKey": "role-secret-key", "ExpiredTime": %d, "Expiration": "2026-11-29T10:00:00Z",
                 "Token": "role-token", "Code": "Success"}""".formatted(secretId, expiredTime);
    }

    @Test
    void discoversTheRoleOnceAndReadsItsCredentials() throws Exception {
        source = new InstanceRoleSource(server.url("/latest/meta-data").toString(), null);
        server.enqueue(new MockResponse.Builder().body("nifi-ocr-role\n").build());
        server.enqueue(new MockResponse.Builder().body(roleAnswer("AKIDrole1", 1_800_000_000L)).build());
        server.enqueue(new MockResponse.Builder().body(roleAnswer("AKIDrole2", 1_800_003_600L)).build());

        final IssuedCredentials first = source.fetch();
        final IssuedCredentials second = source.fetch();

        assertEquals(new IssuedCredentials(new TencentCredentials("AKIDrole1", "role-secret-key", "role-token"), Instant.ofEpochSecond(1_800_000_000L)), first);
        assertEquals("AKIDrole2", second.credentials().secretId());
        assertEquals(PATH, server.takeRequest(5, TimeUnit.SECONDS).getTarget());
        assertEquals(PATH + "nifi-ocr-role", server.takeRequest(5, TimeUnit.SECONDS).getTarget());
        assertEquals(PATH + "nifi-ocr-role", server.takeRequest(5, TimeUnit.SECONDS).getTarget());
        assertEquals("CVM Instance Role [nifi-ocr-role]", source.description());
    }

    @Test
    void asksForAConfiguredRoleDirectly() throws Exception {
        source = new InstanceRoleSource(server.url("/latest/meta-data/").toString(), "configured-role");
        server.enqueue(new MockResponse.Builder().body(roleAnswer("AKIDrole1", 1_800_000_000L)).build());

        assertEquals("AKIDrole1", source.fetch().credentials().secretId());
        assertEquals(PATH + "configured-role", server.takeRequest(5, TimeUnit.SECONDS).getTarget());
    }

    @Test
    void namesWhatIsWrongWithoutSecrets() {
        source = new InstanceRoleSource(server.url("/latest/meta-data/").toString(), null);
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().body("nifi-ocr-role").build());
        server.enqueue(new MockResponse.Builder().body("{\"Code\": \"Failure\", \"TmpSecretKey\": \"role-secret-key\"}").build());
        server.enqueue(new MockResponse.Builder().body("gone-role").build());
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().body("new-role").build());
        server.enqueue(new MockResponse.Builder().body(roleAnswer("AKIDnew", 1_800_000_000L)).build());

        assertTrue(assertThrows(CredentialsException.class, source::fetch).getMessage().contains("no CAM role is bound to this instance"));
        final CredentialsException failure = assertThrows(CredentialsException.class, source::fetch);
        assertEquals("metadata service answered Code [Failure] for role [nifi-ocr-role]", failure.getMessage());
        source = new InstanceRoleSource(server.url("/latest/meta-data/").toString(), null);
        assertTrue(assertThrows(CredentialsException.class, source::fetch).getMessage().contains("HTTP 404 for role [gone-role]"));
        assertEquals("AKIDnew", source.fetch().credentials().secretId());
    }

    @Test
    void reportsAMetadataServiceThatDoesNotAnswer() throws Exception {
        final String url = server.url("/latest/meta-data/").toString();
        server.close();
        source = new InstanceRoleSource(url, "nifi-ocr-role");

        assertTrue(assertThrows(CredentialsException.class, source::fetch).getMessage().contains("did not answer"));
    }
}
