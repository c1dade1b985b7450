package dev.nifiocr.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering every POST with Tencent's documented GeneralBasicOCR answer. Run in its own
 * process by the benchmarks, so its allocations do not count against the clients measured.
 */
public final class LoopbackOcrServer {

    private LoopbackOcrServer() {
    }

    public static void main(final String[] args) throws IOException {
        final byte[] answer;
        try (InputStream in = LoopbackOcrServer.class.getResourceAsStream("/fixtures/GeneralBasicOCR-1.json")) {
            answer = in.readAllBytes();
        }
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        // the parent reads the port from the first line and stops the server by closing stdin
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            Thread.onSpinWait();
        }
        server.stop(0);
        System.exit(0);
    }
}
