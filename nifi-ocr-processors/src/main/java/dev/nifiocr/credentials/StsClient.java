package dev.nifiocr.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.signer.Tc3Request;
import dev.nifiocr.signer.Tc3Signer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tencent Cloud STS (API 3.0, service sts, version 2018-08-13): AssumeRole signed with TC3-HMAC-SHA256 by the caller's
 * credentials, and AssumeRoleWithWebIdentity, which Tencent wants unsigned ({@code Authorization: SKIP}, no X-TC-Token).
 * Calls go through the OkHttp client it is given: the client service hands it its own, so STS calls share the service's
 * connection pool and threads and its TLS, proxy and timeout settings apply; the service closes that client, not this one.
 */
public final class StsClient {

    public static final String DEFAULT_ENDPOINT = "sts.tencentcloudapi.com";
    static final String SERVICE = "sts";
    static final String VERSION = "2018-08-13";
    // Exactly what OkHttp sends for this MediaType; the signature covers it.
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    private final OkHttpClient httpClient;
    private final HttpUrl url;
    private final String host;
    private final String region;
    private final String language;
    private final Clock clock;
    private final Tc3Signer signer;

    /**
     * @param httpClient the HTTP client to call STS with (the client service's: TLS, proxy, timeouts); its owner closes it
     * @param endpoint the STS endpoint, such as https://sts.tencentcloudapi.com
     * @param region the X-TC-Region to send, or null
     * @param language the X-TC-Language of STS's error messages (zh-CN, en-US), or null for Tencent's default, Chinese
     */
    public StsClient(final OkHttpClient httpClient, final URI endpoint, final String region, final String language, final Clock clock) {
        this.httpClient = httpClient;
        this.url = HttpUrl.get(endpoint.toString()).newBuilder().encodedPath("/").build();
        this.host = url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
        this.region = region;
        this.language = language;
        this.clock = clock;
        this.signer = new Tc3Signer(clock);
    }

    /** The parameters of AssumeRole; policy and externalId may be null. */
    public record AssumeRoleParameters(String roleArn, String roleSessionName, long durationSeconds, String policy, String externalId) {
    }

    /** The parameters of AssumeRoleWithWebIdentity, the token as read from its file. */
    record WebIdentityParameters(String providerId, String webIdentityToken, String roleArn, String roleSessionName, long durationSeconds) {

        @Override
        public String toString() {
            return "WebIdentityParameters[providerId=" + providerId + ", roleArn=" + roleArn + ", roleSessionName=" + roleSessionName + "]";
        }
    }

    String endpoint() {
        return url.scheme() + "://" + host;
    }

    IssuedCredentials assumeRole(final TencentCredentials caller, final AssumeRoleParameters parameters) {
        final ObjectNode body = OBJECT_MAPPER.createObjectNode()
                .put("RoleArn", parameters.roleArn())
                .put("RoleSessionName", parameters.roleSessionName())
                .put("DurationSeconds", parameters.durationSeconds());
        if (parameters.policy() != null) {
            // Tencent URL-decodes the policy; %20, not +, for spaces, as the SDK samples encode it
            body.put("Policy", URLEncoder.encode(parameters.policy(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (parameters.externalId() != null) {
            body.put("ExternalId", parameters.externalId());
        }
        final byte[] payload = toBytes(body);
        final Map<String, String> headers = signer.sign(new Tc3Request(SERVICE, host, "AssumeRole", VERSION, region, language, CONTENT_TYPE, payload),
                caller).headers();
        return call("AssumeRole", payload, headers);
    }

    IssuedCredentials assumeRoleWithWebIdentity(final WebIdentityParameters parameters) {
        final byte[] payload = toBytes(OBJECT_MAPPER.createObjectNode()
                .put("ProviderId", parameters.providerId())
                .put("WebIdentityToken", parameters.webIdentityToken())
                .put("RoleArn", parameters.roleArn())
                .put("RoleSessionName", parameters.roleSessionName())
                .put("DurationSeconds", parameters.durationSeconds()));
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "SKIP");
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Host", host);
        headers.put("X-TC-Action", "AssumeRoleWithWebIdentity");
        headers.put("X-TC-Timestamp", Long.toString(clock.instant().getEpochSecond()));
        headers.put("X-TC-Version", VERSION);
        if (region != null && !region.isBlank()) {
            headers.put("X-TC-Region", region);
        }
        if (language != null) {
            headers.put("X-TC-Language", language);
        }
        return call("AssumeRoleWithWebIdentity", payload, headers);
    }

    private IssuedCredentials call(final String action, final byte[] payload, final Map<String, String> headers) {
        final Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(payload, JSON));
        headers.forEach(request::header);
        final JsonNode answer;
        final int status;
        try (Response response = httpClient.newCall(request.build()).execute()) {
            status = response.code();
            final byte[] body = response.body().bytes();
            try {
                answer = OBJECT_MAPPER.readTree(body).path("Response");
            } catch (final IOException e) {
                throw new CredentialsException("STS %s at %s answered HTTP %d without an API 3.0 answer".formatted(action, endpoint(), status), e);
            }
        } catch (final IOException e) {
            throw new CredentialsException("STS %s at %s failed: %s".formatted(action, endpoint(), e.getMessage()), e);
        }
        final String requestId = answer.path("RequestId").asText("none");
        if (answer.has("Error")) {
            throw new CredentialsException("STS %s answered [%s] %s (RequestId %s)".formatted(action, answer.at("/Error/Code").asText(),
                    answer.at("/Error/Message").asText(), requestId));
        }
        final JsonNode credentials = answer.path("Credentials");
        final String secretId = credentials.path("TmpSecretId").asText("");
        final String secretKey = credentials.path("TmpSecretKey").asText("");
        final long expiredTime = answer.path("ExpiredTime").asLong(0);
        if (status != 200 || secretId.isBlank() || secretKey.isBlank() || expiredTime <= 0) {
            throw new CredentialsException("STS %s answered HTTP %d without Credentials and ExpiredTime (RequestId %s)".formatted(action, status, requestId));
        }
        return new IssuedCredentials(new TencentCredentials(secretId, secretKey, credentials.path("Token").asText(null)), Instant.ofEpochSecond(expiredTime));
    }

    private static byte[] toBytes(final ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
