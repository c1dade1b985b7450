package dev.nifiocr.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a {@link TencentApiClient} needs besides credentials, resolved once when the service is enabled. The
 * defaults here are the client service's property defaults, which are written from them.
 *
 * @param endpoint scheme, host and optional port, such as https://ocr.tencentcloudapi.com
 * @param region X-TC-Region, or null
 * @param language X-TC-Language, or null
 * @param connectTimeout connect timeout
 * @param readTimeout read timeout
 * @param writeTimeout write timeout
 * @param tls TLS context and trust manager, or null for the JVM's default trust
 * @param proxy proxy, or null for a direct connection
 * @param callTimeout deadline of a whole call, from connecting to reading the last byte of the answer
 * @param maxAnswerBytes most bytes of an answer, counted after any content decoding, that are read
 */
public record ClientSettings(URI endpoint, String region, String language, Duration connectTimeout, Duration readTimeout,
                             Duration writeTimeout, Tls tls, ProxySettings proxy,
                             Duration callTimeout, long maxAnswerBytes) {

    /** The default deadline of a whole call: the default connect, write and read timeouts, plus slack. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(90);
    /** The default answer cap; Tencent's largest answers (tables, multi-page PDFs with word coordinates) stay far below. */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 32L * 1024 * 1024;
    private static final int MAX_PORT = 65_535;

    public ClientSettings {
        Objects.requireNonNull(endpoint, "Endpoint required");
        Objects.requireNonNull(connectTimeout, "Connect Timeout required");
        Objects.requireNonNull(readTimeout, "Read Timeout required");
        Objects.requireNonNull(writeTimeout, "Write Timeout required");
        Objects.requireNonNull(callTimeout, "Call Timeout required");
        if (maxAnswerBytes <= 0) {
            throw new IllegalArgumentException("Maximum Answer Size must be positive");
        }
    }

    /** Settings with the default call deadline and answer cap. */
    public ClientSettings(final URI endpoint, final String region, final String language, final Duration connectTimeout,
                          final Duration readTimeout, final Duration writeTimeout, final Tls tls, final ProxySettings proxy) {
        this(endpoint, region, language, connectTimeout, readTimeout, writeTimeout, tls, proxy,
                DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES);
    }

    /**
     * Reads the Endpoint property: a host name (HTTPS is implied) or a URL with scheme http or https and no path.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static URI parseEndpoint(final String value) {
        final String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Endpoint is empty");
        }
        final URI uri;
        try {
            uri = URI.create(trimmed.contains("://") ? trimmed : "https://" + trimmed);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Endpoint [%s] is not a host name or URL".formatted(trimmed), e);
        }
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("Endpoint [%s] must use https or http".formatted(trimmed));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Endpoint [%s] has no host".formatted(trimmed));
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
            throw new IllegalArgumentException("Endpoint [%s] has port %d; ports are 1 to %d".formatted(trimmed, uri.getPort(), MAX_PORT));
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("Endpoint [%s] must be scheme, host and port only: API 3.0 always posts to /"
                    .formatted(trimmed));
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    /** TLS material from an SSL Context Service. */
    public record Tls(SSLContext context, X509TrustManager trustManager) {
    }

    /** A proxy and its optional basic credentials. */
    public record ProxySettings(Proxy proxy, String user, String password) {

        @Override
        public String toString() {
            return "ProxySettings[proxy=" + proxy + ", user=" + user + "]";
        }
    }
}
