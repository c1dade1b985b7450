package dev.nifiocr.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.service.api.TencentCredentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The CAM role credentials of a CVM instance, from its metadata service (plain HTTP on the instance's link-local network,
 * no proxy): {@code cam/security-credentials/} names the role bound to the instance, {@code cam/security-credentials/<role>}
 * answers TmpSecretId, TmpSecretKey, Token and ExpiredTime. The role name is discovered once when not configured, and
 * again when the metadata service no longer knows it (the instance's role was changed).
 */
public final class InstanceRoleSource implements CredentialsSource, AutoCloseable {

    /** Tencent's metadata service, as the SDKs call it. */
    public static final String DEFAULT_METADATA_URL = "http://metadata.tencentyun.com/latest/meta-data/";
    /** The SDKs refresh instance role credentials when 300 s or less are left. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(300);
    private static final String CREDENTIALS_PATH = "cam/security-credentials/";
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    // The metadata service answers in milliseconds on a CVM; off a CVM the host does not answer, and the chain must move on.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final HttpUrl credentialsUrl;
    private final String configuredRole;
    private final OkHttpClient httpClient;
    private volatile String role;

    /**
     * @param metadataUrl base URL of the metadata service, ending in /latest/meta-data/
     * @param role the role name, or null to ask the metadata service
     */
    public InstanceRoleSource(final String metadataUrl, final String role) {
        final HttpUrl base = HttpUrl.parse(metadataUrl.endsWith("/") ? metadataUrl : metadataUrl + "/");
        if (base == null) {
            throw new IllegalArgumentException("Metadata URL [%s] is not an http or https URL".formatted(metadataUrl));
        }
        this.credentialsUrl = base.resolve(CREDENTIALS_PATH);
        this.configuredRole = role == null || role.isBlank() ? null : role.strip();
        this.role = configuredRole;
        this.httpClient = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_TIMEOUT)
                .callTimeout(READ_TIMEOUT.plus(CONNECT_TIMEOUT))
                .followRedirects(false)
                .build();
    }

    @Override
    public String description() {
        final String known = role;
        return known == null ? "CVM Instance Role" : "CVM Instance Role [%s]".formatted(known);
    }

    @Override
    public IssuedCredentials fetch() {
        String name = role;
        if (name == null) {
            name = discoverRole();
            role = name;
        }
        final HttpUrl url = credentialsUrl.newBuilder().addPathSegment(name).build();
        final JsonNode answer;
        try (Response response = httpClient.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (response.code() == 404 && configuredRole == null) {
                role = null;
            }
            if (!response.isSuccessful()) {
                throw new CredentialsException("metadata service answered HTTP %d for role [%s]%s".formatted(response.code(), name,
                        response.code() == 404 ? "; is the role bound to this instance?" : ""));
            }
            answer = OBJECT_MAPPER.readTree(response.body().bytes());
        } catch (final IOException e) {
            throw new CredentialsException("metadata service at %s did not answer: %s".formatted(credentialsUrl, e.getMessage()), e);
        }
        if (!"Success".equals(answer.path("Code").asText())) {
            throw new CredentialsException("metadata service answered Code [%s] for role [%s]".formatted(answer.path("Code").asText(), name));
        }
        final String secretId = answer.path("TmpSecretId").asText("");
        final String secretKey = answer.path("TmpSecretKey").asText("");
        final long expiredTime = answer.path("ExpiredTime").asLong(0);
        if (secretId.isBlank() || secretKey.isBlank() || expiredTime <= 0) {
            throw new CredentialsException("metadata service answer for role [%s] lacks TmpSecretId, TmpSecretKey or ExpiredTime".formatted(name));
        }
        return new IssuedCredentials(new TencentCredentials(secretId, secretKey, answer.path("Token").asText(null)), Instant.ofEpochSecond(expiredTime));
    }

    private String discoverRole() {
        try (Response response = httpClient.newCall(new Request.Builder().url(credentialsUrl).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new CredentialsException("metadata service answered HTTP %d for the role name%s".formatted(response.code(),
                        response.code() == 404 ? "; no CAM role is bound to this instance" : ""));
            }
            final String body = new String(response.body().bytes(), StandardCharsets.UTF_8).strip();
            final String first = body.lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new CredentialsException("metadata service named no role; no CAM role is bound to this instance");
            }
            return first;
        } catch (final IOException e) {
            throw new CredentialsException("metadata service at %s did not answer: %s".formatted(credentialsUrl, e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
    }
}
