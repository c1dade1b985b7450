package dev.nifiocr.client;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.signer.Tc3Request;
import dev.nifiocr.signer.Tc3Signature;
import dev.nifiocr.signer.Tc3Signer;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Signs and posts API 3.0 requests over one OkHttp connection pool. No hidden retries: a failed call is reported
 * once, and NiFi's retry relationship decides what happens next.
 */
public final class TencentApiClient implements AutoCloseable {

    /** The service name in the credential scope; Tencent's SDK derives it from the host, which breaks custom endpoints. */
    public static final String SERVICE = "ocr";
    // Exactly what OkHttp sends for this MediaType; the signature covers it, so it must not differ by a byte.
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);

    private final ClientSettings settings;
    private final Supplier<TencentCredentials> credentials;
    private final Tc3Signer signer;
    private final RateLimiter rateLimiter;
    private final OkHttpClient httpClient;
    private final HttpUrl url;
    private final String host;

    public TencentApiClient(final ClientSettings settings, final Supplier<TencentCredentials> credentials, final Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.signer = new Tc3Signer(clock);
        this.rateLimiter = new RateLimiter(settings.requestsPerSecond());
        this.url = HttpUrl.get(settings.endpoint().toString()).newBuilder().encodedPath("/").build();
        this.host = url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
        this.httpClient = buildHttpClient(settings);
    }

    private static OkHttpClient buildHttpClient(final ClientSettings settings) {
        final OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.writeTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .socketFactory(new NoDelaySocketFactory());
        if (settings.tls() != null) {
            builder.sslSocketFactory(settings.tls().context().getSocketFactory(), settings.tls().trustManager());
        }
        final ClientSettings.ProxySettings proxy = settings.proxy();
        if (proxy != null) {
            builder.proxy(proxy.proxy());
            if (proxy.proxy().type() == Proxy.Type.SOCKS) {
                // OkHttp opens SOCKS connections with new Socket(proxy), not through the socket factory
                builder.addNetworkInterceptor(chain -> {
                    NoDelaySocketFactory.noDelay(chain.connection().socket());
                    return chain.proceed(chain.request());
                });
            }
            if (proxy.user() != null && !proxy.user().isBlank()) {
                final String proxyCredentials = Credentials.basic(proxy.user(), proxy.password() == null ? "" : proxy.password());
                builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                        ? null
                        : response.request().newBuilder().header("Proxy-Authorization", proxyCredentials).build());
            }
        }
        return builder.build();
    }

    public boolean acquirePermit(final Duration maxWait) {
        return rateLimiter.tryAcquire(maxWait);
    }

    public TencentApiResponse invoke(final TencentApiRequest request) throws TencentApiException {
        final Tc3Request toSign = new Tc3Request(SERVICE, host, request.action(), request.version(), settings.region(),
                settings.language(), CONTENT_TYPE, request.payload());
        final Tc3Signature signature = signer.sign(toSign, credentials.get());
        final Request.Builder httpRequest = new Request.Builder().url(url).post(new ChunkedBody(request.payload()));
        for (final Map.Entry<String, String> header : signature.headers().entrySet()) {
            httpRequest.header(header.getKey(), header.getValue());
        }

        final long started = System.nanoTime();
        try (Response response = httpClient.newCall(httpRequest.build()).execute()) {
            final ResponseBody responseBody = response.body();
            final byte[] body = responseBody.bytes();
            final long durationMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return toResponse(response.code(), response.message(), body, durationMillis);
        } catch (final SocketTimeoutException e) {
            throw new TencentApiException(TencentApiException.TIMEOUT, describe(request, "timed out", e), e);
        } catch (final InterruptedIOException e) {
            final String code = Thread.currentThread().isInterrupted() ? TencentApiException.INTERRUPTED : TencentApiException.TIMEOUT;
            throw new TencentApiException(code, describe(request, "interrupted", e), e);
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.NETWORK_ERROR, describe(request, "failed", e), e);
        }
    }

    private TencentApiResponse toResponse(final int status, final String reason, final byte[] body, final long durationMillis)
            throws TencentApiException {
        ResponseEnvelope envelope = null;
        IOException malformed = null;
        try {
            envelope = ResponseEnvelope.parse(body);
        } catch (final IOException e) {
            malformed = e;
        }
        if (status == 200) {
            if (envelope == null) {
                throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE,
                        "Response of %s is not an API 3.0 envelope: %s".formatted(url, malformed.getMessage()), malformed);
            }
            return new TencentApiResponse(status, envelope.requestId(), envelope.errorCode(), envelope.errorMessage(), body, durationMillis);
        }
        if (envelope != null && envelope.errorCode() != null) {
            return new TencentApiResponse(status, envelope.requestId(), envelope.errorCode(), envelope.errorMessage(), body, durationMillis);
        }
        final String requestId = envelope == null ? null : envelope.requestId();
        return new TencentApiResponse(status, requestId, "HttpStatus." + status,
                ("HTTP %d %s from %s".formatted(status, reason, url)).trim(), body, durationMillis);
    }

    private String describe(final TencentApiRequest request, final String what, final IOException e) {
        return "%s request to %s %s: %s".formatted(request.action(), url, what, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /**
     * Writes the payload in pieces that Okio's segment pool (64 KiB) can serve and take back as they go out, instead
     * of copying the whole payload into fresh segments first.
     */
    private static final class ChunkedBody extends RequestBody {
        private static final int CHUNK = 64 * 1024;
        private final byte[] payload;

        ChunkedBody(final byte[] payload) {
            this.payload = payload;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return payload.length;
        }

        @Override
        public void writeTo(final BufferedSink sink) throws IOException {
            for (int offset = 0; offset < payload.length; offset += CHUNK) {
                sink.write(payload, offset, Math.min(CHUNK, payload.length - offset));
            }
        }
    }

    @Override
    public void close() {
        httpClient.dispatcher().executorService().shutdown();
        httpClient.connectionPool().evictAll();
    }
}
