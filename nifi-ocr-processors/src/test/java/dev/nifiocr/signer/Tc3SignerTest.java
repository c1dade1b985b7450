package dev.nifiocr.signer;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.Fixtures;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Tc3SignerTest {

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";

    @ParameterizedTest
    @ValueSource(strings = {"published", "self_computed_ocr_nearest", "self_computed_ocr_regional_host"})
    void signsKnownAnswerVectors(final String vectorName) {
        final JsonNode vector = Fixtures.json("tc3-known-answer.json").get(vectorName);
        // these vectors sign content-type and host only, as the SDKs do
        final Tc3Signer signer = new Tc3Signer(Clock.fixed(Instant.ofEpochSecond(vector.get("timestamp").asLong()), ZoneOffset.UTC), false);
        final Tc3Request request = new Tc3Request(vector.get("service").asText(), vector.get("host").asText(),
                vector.path("action").asText("DescribeInstances"), vector.path("version").asText("2017-03-12"), "ap-guangzhou", null,
                CONTENT_TYPE, vector.get("payload").asText().getBytes(StandardCharsets.UTF_8));

        final Tc3Signature signature = signer.sign(request, new TencentCredentials(SECRET_ID, vector.get("secret_key").asText(), null));

        assertEquals(vector.get("canonical_request").asText(), signature.canonicalRequest());
        assertEquals(vector.get("string_to_sign").asText(), signature.stringToSign());
        assertEquals(vector.get("signature").asText(), signature.signature());
        assertEquals("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/2019-02-25/" + vector.get("service").asText()
                + "/tc3_request, SignedHeaders=content-type;host, Signature=" + vector.get("signature").asText(), signature.authorization());
    }

    /** What the client sends: X-TC-Action signed too, as in Tencent's documentation and demo, lower-cased like every value. */
    @Test
    void signsTheActionByDefault() {
        final JsonNode vector = Fixtures.json("tc3-known-answer.json").get("self_computed_cvm_with_x_tc_action");
        final Tc3Signer signer = new Tc3Signer(Clock.fixed(Instant.ofEpochSecond(vector.get("timestamp").asLong()), ZoneOffset.UTC));
        final Tc3Request request = new Tc3Request(vector.get("service").asText(), vector.get("host").asText(), "DescribeInstances",
                "2017-03-12", "ap-guangzhou", null, CONTENT_TYPE, vector.get("payload").asText().getBytes(StandardCharsets.UTF_8));

        final Tc3Signature signature = signer.sign(request, new TencentCredentials(SECRET_ID, vector.get("secret_key").asText(), null));

        assertEquals(vector.get("canonical_request").asText(), signature.canonicalRequest());
        assertEquals(vector.get("string_to_sign").asText(), signature.stringToSign());
        assertEquals(vector.get("signature").asText(), signature.signature());
        assertTrue(signature.authorization().contains(", SignedHeaders=content-type;host;x-tc-action, "));
    }

    /** A request captured for one Action and replayed with another X-TC-Action no longer verifies. */
    @Test
    void anotherActionGivesAnotherSignature() {
        final Tc3Signer signer = new Tc3Signer(Clock.fixed(Instant.ofEpochSecond(1700000000L), ZoneOffset.UTC));
        final TencentCredentials credentials = new TencentCredentials(SECRET_ID, "key", null);
        final Tc3Signature basic = signer.sign(request(null, null), credentials);
        final Tc3Signature other = signer.sign(new Tc3Request("ocr", "ocr.tencentcloudapi.com", "IDCardOCR", "2018-11-19", null, null,
                CONTENT_TYPE, "{}".getBytes(StandardCharsets.UTF_8)), credentials);
        assertFalse(basic.signature().equals(other.signature()));
    }

    @Test
    void usesUtcDateAroundMidnightInChina() {
        // 2019-02-26 00:44:25 in UTC+8 is still 2019-02-25 in UTC, the date the server expects
        final Tc3Signer signer = new Tc3Signer(Clock.fixed(Instant.ofEpochSecond(1551113065L), ZoneOffset.ofHours(8)));
        final Tc3Signature signature = signer.sign(request(null, null), new TencentCredentials(SECRET_ID, "key", null));
        assertTrue(signature.stringToSign().contains("\n2019-02-25/ocr/tc3_request\n"));
    }

    @Test
    void sendsCommonHeadersOnlyWhenSet() {
        final Tc3Signer signer = new Tc3Signer(Clock.fixed(Instant.ofEpochSecond(1700000000L), ZoneOffset.UTC));

        final Tc3Signature bare = signer.sign(request(null, null), new TencentCredentials(SECRET_ID, "key", null));
        assertEquals("GeneralBasicOCR", bare.headers().get("X-TC-Action"));
        assertEquals("2018-11-19", bare.headers().get("X-TC-Version"));
        assertEquals("1700000000", bare.headers().get("X-TC-Timestamp"));
        assertFalse(bare.headers().containsKey("X-TC-Region"));
        assertFalse(bare.headers().containsKey("X-TC-Token"));
        assertFalse(bare.headers().containsKey("X-TC-Language"));

        final Tc3Signature full = signer.sign(request("ap-shanghai", "en-US"), new TencentCredentials(SECRET_ID, "key", "sts-token"));
        assertEquals("ap-shanghai", full.headers().get("X-TC-Region"));
        assertEquals("sts-token", full.headers().get("X-TC-Token"));
        assertEquals("en-US", full.headers().get("X-TC-Language"));
        assertEquals(bare.signature(), full.signature());
    }

    /**
     * The official SDK signs a real request through MockWebServer acting as its HTTP proxy, so that it keeps the real host
     * name (it derives the service from the first host label); our signer must produce the same Authorization for the
     * recorded timestamp and body.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ocr.tencentcloudapi.com", "ocr.ap-guangzhou.tencentcloudapi.com"})
    void matchesOfficialSdkSignature(final String host) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.text("GeneralBasicOCR-1.json")).build());
            server.start();
            final HttpProfile httpProfile = new HttpProfile();
            httpProfile.setProtocol(HttpProfile.REQ_HTTP);
            httpProfile.setEndpoint(host);
            httpProfile.setProxyHost(server.getHostName());
            httpProfile.setProxyPort(server.getPort());
            final Credential credential = new Credential(SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "sts-token");
            final CommonClient sdk = new CommonClient("ocr", "2018-11-19", credential, "ap-guangzhou", new ClientProfile(ClientProfile.SIGN_TC3_256, httpProfile));

            sdk.call("GeneralBasicOCR", Fixtures.text("GeneralBasicOCR-1.request.json"));

            final RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
            final long timestamp = Long.parseLong(recorded.getHeaders().get("X-TC-Timestamp"));
            final Tc3Signer signer = new Tc3Signer(Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC), false);
            final Tc3Signature ours = signer.sign(new Tc3Request("ocr", host, "GeneralBasicOCR", "2018-11-19", "ap-guangzhou", null,
                    recorded.getHeaders().get("Content-Type"), recorded.getBody().toByteArray()),
                    new TencentCredentials(SECRET_ID, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "sts-token"));

            assertEquals(recorded.getHeaders().get("Authorization"), ours.authorization());
            assertEquals(recorded.getHeaders().get("X-TC-Token"), ours.headers().get("X-TC-Token"));
        }
    }

    private static Tc3Request request(final String region, final String language) {
        return new Tc3Request("ocr", "ocr.tencentcloudapi.com", "GeneralBasicOCR", "2018-11-19", region, language, CONTENT_TYPE,
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
