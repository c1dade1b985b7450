package dev.nifiocr.client;

import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.JsonErrors;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.signer.Tc3Request;
import dev.nifiocr.signer.Tc3Signature;
import dev.nifiocr.signer.Tc3Signer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
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
import java.net.URI;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Signs and posts API 3.0 requests over one OkHttp connection pool, with the credentials each call is handed (the caller
 * reads one snapshot per request), waiting for the answer on the calling thread or, asynchronously, on OkHttp's. No
 * hidden retries: a failed call is reported once, and NiFi's retry relationship decides what happens next (the body is
 * one-shot, see {@link ChunkedBody#isOneShot()}).
 */
public final class TencentApiClient implements AutoCloseable {

    /** The service name in the credential scope; Tencent's SDK derives it from the host, which breaks custom endpoints. */
    public static final String SERVICE = TencentApiRequest.OCR_SERVICE;
    // Exactly what OkHttp sends for this MediaType; the signature covers it, so it must not differ by a byte.
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);
    /**
     * The most asynchronous calls on the wire at once, and the idle connections kept for them: above any processor's window,
     * so that the rate limits and the windows bound what is in flight, never the client. OkHttp's defaults (5 calls per
     * host, 5 idle connections) would hold a window of 40 back at 5 calls and open a new connection for most of the rest.
     */
    public static final int MAX_CALLS_IN_FLIGHT = 1024;
    // OkHttp's default: an idle connection is closed after five minutes
    private static final long KEEP_ALIVE_MINUTES = 5;

    private final ClientSettings settings;
    private final Tc3Signer signer;
    private final OkHttpClient httpClient;
    private final HttpUrl url;

    public TencentApiClient(final ClientSettings settings, final Clock clock) {
        this.settings = settings;
        this.signer = new Tc3Signer(clock);
        this.url = HttpUrl.get(settings.endpoint().toString()).newBuilder().encodedPath("/").build();
        this.httpClient = buildHttpClient(settings);
    }

    /**
     * The HTTP client of this pool (timeouts, TLS, proxy), for other calls of the same service such as STS: they share its
     * connections and threads, and it is closed with this client.
     */
    public OkHttpClient httpClient() {
        return httpClient;
    }

    private static OkHttpClient buildHttpClient(final ClientSettings settings) {
        final Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_CALLS_IN_FLIGHT);
        dispatcher.setMaxRequestsPerHost(MAX_CALLS_IN_FLIGHT);
        final OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_CALLS_IN_FLIGHT, KEEP_ALIVE_MINUTES, TimeUnit.MINUTES))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.writeTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .callTimeout(settings.callTimeout())
                .eventListenerFactory(WireTracker.FACTORY)
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
                builder.proxyAuthenticator(new TunnelOnlyProxyAuthenticator(proxyCredentials));
                if ("http".equals(settings.endpoint().getScheme()) && proxy.proxy().type() == Proxy.Type.HTTP) {
                    // plain HTTP has no CONNECT: the proxy reads each request, so it gets its credentials with it, unasked
                    builder.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Proxy-Authorization", proxyCredentials).build()));
                }
            }
        }
        return builder.build();
    }

    /** Signs the request with exactly these credentials and sends it once, waiting for the answer on this thread. */
    public TencentApiResponse invoke(final TencentApiRequest request, final TencentCredentials credentials) throws TencentApiException {
        final Outgoing outgoing = new Outgoing(request, credentials);
        try (Response response = httpClient.newCall(outgoing.httpRequest).execute()) {
            return outgoing.answer(response);
        } catch (final IOException e) {
            throw outgoing.failure(e, Thread.currentThread().isInterrupted());
        }
    }

    /**
     * Signs the request with exactly these credentials and sends it once, without waiting: the answer is read on one of
     * OkHttp's threads, which completes the future there, with the response or with the {@link TencentApiException} that
     * {@link #invoke} would have thrown. The Call Timeout bounds each call as it bounds a waiting one.
     */
    public CompletableFuture<TencentApiResponse> invokeAsync(final TencentApiRequest request, final TencentCredentials credentials) {
        final Outgoing outgoing;
        try {
            outgoing = new Outgoing(request, credentials);
        } catch (final TencentApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        final CompletableFuture<TencentApiResponse> answer = new CompletableFuture<>();
        httpClient.newCall(outgoing.httpRequest).enqueue(new Callback() {
            @Override
            public void onResponse(final Call call, final Response response) {
                try (response) {
                    answer.complete(outgoing.answer(response));
                } catch (final TencentApiException e) {
                    answer.completeExceptionally(e);
                } catch (final IOException e) {
                    answer.completeExceptionally(outgoing.failure(e, false));
                }
            }

            // nothing cancels these calls but OkHttp's own Call Timeout, which it reports as an InterruptedIOException
            @Override
            public void onFailure(final Call call, final IOException e) {
                answer.completeExceptionally(outgoing.failure(e, false));
            }
        });
        return answer;
    }

    /** One signed request on its way: what its answer is read with and its failure reported with. */
    private final class Outgoing {
        private final TencentApiRequest request;
        private final HttpUrl target;
        private final WireTracker wire = new WireTracker();
        private final Request httpRequest;
        private final long started;

        Outgoing(final TencentApiRequest request, final TencentCredentials credentials) throws TencentApiException {
            this.request = request;
            this.target = urlFor(url, request.service());
            final Tc3Request toSign = new Tc3Request(request.service(), hostHeader(target), request.action(), request.version(), settings.region(),
                    settings.language(), CONTENT_TYPE, request.payload());
            this.httpRequest = signedRequest(request, target, toSign, credentials, wire);
            this.started = System.nanoTime();
        }

        TencentApiResponse answer(final Response response) throws IOException, TencentApiException {
            final byte[] body = AnswerReader.read(response, settings.maxAnswerBytes());
            return toResponse(response.code(), response.message(), body, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }

        /** @param stopped the calling thread was interrupted */
        TencentApiException failure(final IOException e, final boolean stopped) {
            if (e instanceof AnswerReader.AnswerTooLargeException) {
                return new TencentApiException(TencentApiException.ANSWER_TOO_LARGE, describe(request, "answered too much", e), e, true);
            }
            if (e instanceof AnswerReader.UnreadableAnswerException) {
                return new TencentApiException(TencentApiException.MALFORMED_RESPONSE, describe(request, "answered unreadably", e), e, true);
            }
            if (e instanceof SocketTimeoutException) {
                return new TencentApiException(TencentApiException.TIMEOUT, describe(request, "timed out", e), e, wire.sent());
            }
            if (stopped) {
                return new TencentApiException(TencentApiException.INTERRUPTED, describe(request, "interrupted", e), e, wire.sent());
            }
            if (e instanceof InterruptedIOException) {
                // OkHttp's call timeout: the whole call took longer than the deadline, e.g. a server dripping its answer
                return new TencentApiException(TencentApiException.TIMEOUT, "%s request to %s did not finish within the Call Timeout of %d ms"
                        .formatted(request.action(), target, settings.callTimeout().toMillis()), e, wire.sent());
            }
            return new TencentApiException(TencentApiException.NETWORK_ERROR, describe(request, "failed", e), e, wire.sent());
        }
    }

    /**
     * Downloads a result file with a GET, reading at most maxBytes (decoded). The URL is one Tencent gave: it is not logged
     * or quoted in messages beyond its host, as such links carry a signature in their query.
     */
    public byte[] download(final URI uri, final long maxBytes) throws TencentApiException {
        final HttpUrl target = HttpUrl.get(uri);
        final String where = target.scheme() + "://" + target.host();
        final Request request = new Request.Builder().url(target).get().header("Accept-Encoding", AnswerReader.ACCEPT_ENCODING).build();
        try (Response response = httpClient.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new TencentApiException(TencentApiException.DOWNLOAD_FAILED,
                        "Download from %s answered HTTP %d (an expired link?)".formatted(where, response.code()), null, true);
            }
            return AnswerReader.read(response, maxBytes);
        } catch (final AnswerReader.AnswerTooLargeException e) {
            throw new TencentApiException(TencentApiException.ANSWER_TOO_LARGE, "Download from %s: %s".formatted(where, e.getMessage()), e, true);
        } catch (final AnswerReader.UnreadableAnswerException e) {
            throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE, "Download from %s: %s".formatted(where, e.getMessage()), e, true);
        } catch (final SocketTimeoutException e) {
            throw new TencentApiException(TencentApiException.TIMEOUT, "Download from %s timed out".formatted(where), e, true);
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.NETWORK_ERROR, "Download from %s failed: %s".formatted(where, e.getMessage()), e, true);
        }
    }

    /**
     * The URL a service's Actions go to: Tencent's hosts name the service in their first label (ocr.tencentcloudapi.com,
     * lkeap.ap-guangzhou.tencentcloudapi.com), so an ocr host becomes the service's host. Any other endpoint (an emulator,
     * a private gateway) takes every service at its own URL; only the signature names the service.
     */
    static HttpUrl urlFor(final HttpUrl endpoint, final String service) {
        final String host = endpoint.host();
        if (service.equals(SERVICE) || !host.startsWith(SERVICE + ".")) {
            return endpoint;
        }
        return endpoint.newBuilder().host(service + host.substring(SERVICE.length())).build();
    }

    /** The Host header as sent, with the port when it is not the scheme's default. */
    private static String hostHeader(final HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }

    /**
     * Signs the request. Credentials that cannot be used or sent (a token with a line break) fail this call with a
     * message that names the field, never its value: OkHttp's own header check would quote the value.
     */
    private Request signedRequest(final TencentApiRequest request, final HttpUrl url, final Tc3Request toSign, final TencentCredentials credentials,
                                  final WireTracker wire) throws TencentApiException {
        final Tc3Signature signature;
        try {
            signature = signer.sign(toSign, credentials);
        } catch (final RuntimeException e) {
            throw new TencentApiException(TencentApiException.CREDENTIALS_UNAVAILABLE,
                    "%s request not sent: credentials unavailable: %s".formatted(request.action(), e.getMessage()), null);
        }
        final Request.Builder httpRequest = new Request.Builder().url(url).post(new ChunkedBody(request.payload()))
                .header("Accept-Encoding", AnswerReader.ACCEPT_ENCODING)
                .tag(WireTracker.class, wire);
        for (final Map.Entry<String, String> header : signature.headers().entrySet()) {
            try {
                httpRequest.header(header.getKey(), header.getValue());
            } catch (final IllegalArgumentException e) {
                throw new TencentApiException(TencentApiException.CREDENTIALS_UNAVAILABLE,
                        "%s request not sent: header %s holds a character HTTP headers cannot carry".formatted(request.action(), header.getKey()), null);
            }
        }
        return httpRequest.build();
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
                        "Response of %s is not an API 3.0 envelope: %s".formatted(url, JsonErrors.describe(malformed)), JsonErrors.withoutContent(malformed), true);
            }
            return new TencentApiResponse(status, envelope.requestId(), envelope.errorCode(), envelope.errorMessage(), body, durationMillis);
        }
        if (envelope != null && envelope.errorCode() != null) {
            return new TencentApiResponse(status, envelope.requestId(), envelope.errorCode(), envelope.errorMessage(), body, durationMillis);
        }
        final String requestId = envelope == null ? null : envelope.requestId();
        return new TencentApiResponse(status, requestId, ErrorCatalogue.HTTP_STATUS_PREFIX + status,
                ("HTTP %d %s from %s".formatted(status, reason, url)).trim(), body, durationMillis);
    }

    private String describe(final TencentApiRequest request, final String what, final IOException e) {
        return "%s request to %s %s: %s".formatted(request.action(), urlFor(url, request.service()), what, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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

        /**
         * One-shot tells OkHttp's RetryAndFollowUpInterceptor never to send this body twice: it then returns a 503 with
         * Retry-After: 0, a 408, a 421, a 401 or 407 challenge or a redirect as it is, and does not recover a broken
         * connection by re-sending. One FlowFile, at most one request: a second send would be a second bill.
         */
        @Override
        public boolean isOneShot() {
            return true;
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
