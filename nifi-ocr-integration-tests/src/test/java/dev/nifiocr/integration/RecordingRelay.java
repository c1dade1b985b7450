package dev.nifiocr.integration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * An HTTP relay in front of the emulator, one per NiFi node: it notes when each call arrived and from which node, then
 * passes it on unchanged (the Host header too, which the TC3 signature covers), so the test can measure the rate the
 * emulator sees and who sent it. All nodes run on 127.0.0.1, so the emulator alone could not tell them apart. It can
 * answer later than the emulator, as Tencent does (0.3-2 s a call), so that a node's calls in flight overlap.
 */
final class RecordingRelay implements AutoCloseable {

    /** One call: when the relay received it (System.nanoTime), the Action, and the node that sent it. */
    record Call(long nanos, String action, int node) {
    }

    // hop-by-hop or recomputed by OkHttp
    private static final Set<String> NOT_FORWARDED = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private final HttpServer server;
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private volatile long latencyMillis;

    RecordingRelay(final int node, final String target, final Queue<Call> calls) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> relay(exchange, node, target, calls));
        server.start();
    }

    /** How long each call waits here after it arrived before it is passed on. */
    void latency(final Duration latency) {
        latencyMillis = latency.toMillis();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void relay(final HttpExchange exchange, final int node, final String target, final Queue<Call> calls) throws IOException {
        try (exchange) {
            calls.add(new Call(System.nanoTime(), exchange.getRequestHeaders().getFirst("X-TC-Action"), node));
            final byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            final Headers.Builder headers = new Headers.Builder();
            for (final Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
                    header.getValue().forEach(value -> headers.add(header.getKey(), value));
                }
            }
            final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            final Request request = new Request.Builder().url(target + exchange.getRequestURI()).headers(headers.build())
                    .method(exchange.getRequestMethod(), "GET".equals(exchange.getRequestMethod()) ? null
                            : RequestBody.create(body, contentType == null ? null : okhttp3.MediaType.get(contentType)))
                    .build();
            try (Response response = http.newCall(request).execute()) {
                final byte[] answer = response.body().bytes();
                final String answerType = response.header("Content-Type");
                if (answerType != null) {
                    exchange.getResponseHeaders().add("Content-Type", answerType);
                }
                exchange.sendResponseHeaders(response.code(), answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
