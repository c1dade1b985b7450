package dev.nifiocr.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StsClientTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String POLICY = "{\"version\": \"2.0\", \"statement\": [{\"effect\": \"allow\", \"action\": [\"ocr:GeneralBasicOCR\"], \"resource\": \"*\"}]}";

    private final OkHttpClient httpClient = new OkHttpClient();
    private MockWebServer server;
    private StsClient sts;

    @BeforeEach
    void startServer() throws Exception {
        server = new MockWebServer();
        server.start();
        sts = new StsClient(httpClient, URI.create("http://" + server.getHostName() + ":" + server.getPort()), "ap-shanghai", "en-US", Clock.systemUTC());
    }

    @AfterEach
    void stopServer() throws Exception {
        // the HTTP client's owner (the client service) closes it, not the STS client
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
        server.close();
    }

    static String stsAnswer(final String secretId, final long expiredTime) {
        return """
                {"Response": {"Credentials": {"Token": "sts-token", "TmpSecretId": "%s", "TmpSecretKey": "sts-secret-key"},
                 "ExpiredTime": %d, "Expiration": "2026-11-29T10:00:00Z", "RequestId": "r-sts"}}""".formatted(secretId, expiredTime);
    }

    @Test
    void assumesARoleWithARequestSignedForSts() throws Exception {
        server.enqueue(new MockResponse.Builder().body(stsAnswer("AKIDassumed", 1_800_000_000L)).build());
        final TencentCredentials caller = new TencentCredentials(TestServices.SECRET_ID, TestServices.SECRET_KEY, TestServices.SESSION_TOKEN);

        final IssuedCredentials issued = sts.assumeRole(caller, new StsClient.AssumeRoleParameters("qcs::cam::uin/100000000001:roleName/nifi-ocr",
                "nifi-ocr", 3600, POLICY, "external-id-1"));

        assertEquals(new IssuedCredentials(new TencentCredentials("AKIDassumed", "sts-secret-key", "sts-token"), Instant.ofEpochSecond(1_800_000_000L)), issued);
        final RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertNull(SignatureVerifier.verify(recorded, TestServices.SECRET_ID, TestServices.SECRET_KEY, "sts"));
        assertEquals("AssumeRole", recorded.getHeaders().get("X-TC-Action"));
        assertEquals("2018-08-13", recorded.getHeaders().get("X-TC-Version"));
        assertEquals("ap-shanghai", recorded.getHeaders().get("X-TC-Region"));
        assertEquals("en-US", recorded.getHeaders().get("X-TC-Language"), "STS answers errors in the service's Language");
        assertEquals(TestServices.SESSION_TOKEN, recorded.getHeaders().get("X-TC-Token"));
        final JsonNode body = OBJECT_MAPPER.readTree(recorded.getBody().utf8());
        assertEquals("qcs::cam::uin/100000000001:roleName/nifi-ocr", body.get("RoleArn").asText());
        assertEquals("nifi-ocr", body.get("RoleSessionName").asText());
        assertEquals(3600, body.get("DurationSeconds").asLong());
        assertEquals("external-id-1", body.get("ExternalId").asText());
        assertFalse(body.get("Policy").asText().contains(" "));
        assertEquals(POLICY, URLDecoder.decode(body.get("Policy").asText(), StandardCharsets.UTF_8));
    }

    @Test
    void reportsTencentsErrorWithoutSecrets() {
        server.enqueue(new MockResponse.Builder().body("{\"Response\": {\"Error\": {\"Code\": \"ResourceNotFound.RoleNotFound\", "
                + "\"Message\": \"role not exist\"}, \"RequestId\": \"r-404\"}}").build());
        server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());

        final CredentialsException notFound = assertThrows(CredentialsException.class, () -> sts.assumeRole(
                new TencentCredentials(TestServices.SECRET_ID, TestServices.SECRET_KEY, null),
                new StsClient.AssumeRoleParameters("qcs::cam::uin/1:roleName/missing", "nifi-ocr", 7200, null, null)));
        final CredentialsException badGateway = assertThrows(CredentialsException.class, () -> sts.assumeRole(
                new TencentCredentials(TestServices.SECRET_ID, TestServices.SECRET_KEY, null),
                new StsClient.AssumeRoleParameters("qcs::cam::uin/1:roleName/missing", "nifi-ocr", 7200, null, null)));

        assertEquals("STS AssumeRole answered [ResourceNotFound.RoleNotFound] role not exist (RequestId r-404)", notFound.getMessage());
        assertTrue(badGateway.getMessage().contains("HTTP 502"));
        assertFalse(notFound.getMessage().contains(TestServices.SECRET_KEY));
    }

    @Test
    void assumesARoleWithWebIdentityUnsignedReadingTheTokenFileOnEveryRefresh(@TempDir final Path directory) throws Exception {
        final Path tokenFile = directory.resolve("token");
        final WebIdentitySource source = new WebIdentitySource(sts, "tke-oidc", tokenFile, "qcs::cam::uin/1:roleName/tke", "nifi-ocr", 7200);
        server.enqueue(new MockResponse.Builder().body(stsAnswer("AKIDoidc1", 1_800_000_000L)).build());
        server.enqueue(new MockResponse.Builder().body(stsAnswer("AKIDoidc2", 1_800_003_600L)).build());

        Files.writeString(tokenFile, "oidc-token-1\n");
        assertEquals("AKIDoidc1", source.fetch().credentials().secretId());
        Files.writeString(tokenFile, "oidc-token-2");
        assertEquals("AKIDoidc2", source.fetch().credentials().secretId());

        final RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        final RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("SKIP", first.getHeaders().get("Authorization"));
        assertEquals("en-US", first.getHeaders().get("X-TC-Language"));
        assertNull(first.getHeaders().get("X-TC-Token"));
        assertEquals("AssumeRoleWithWebIdentity", first.getHeaders().get("X-TC-Action"));
        assertEquals("2018-08-13", first.getHeaders().get("X-TC-Version"));
        final JsonNode body = OBJECT_MAPPER.readTree(first.getBody().utf8());
        assertEquals("tke-oidc", body.get("ProviderId").asText());
        assertEquals("oidc-token-1", body.get("WebIdentityToken").asText());
        assertEquals("qcs::cam::uin/1:roleName/tke", body.get("RoleArn").asText());
        assertEquals("oidc-token-2", OBJECT_MAPPER.readTree(second.getBody().utf8()).get("WebIdentityToken").asText());

        Files.delete(tokenFile);
        final CredentialsException missing = assertThrows(CredentialsException.class, source::fetch);
        assertTrue(missing.getMessage().contains("token file"));
    }
}
