package dev.nifiocr.client;

import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ServerSocketFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards against Nagle's algorithm on the client's sockets. With it on, a request leaves in several writes and the last
 * one waits for the delayed ACK (40 ms on Linux) of the first: every call on a kept-alive connection takes 40 ms or more.
 * The server here is a plain ServerSocket with the platform's default options, so nothing on its side hides the stall.
 * Counts slow calls instead of timing the test: a busy machine makes a few calls slow, the stall makes all of them slow.
 */
class TencentApiClientNoDelayTest {

    private static final int CALLS = 200;
    /** A call this slow met a delayed ACK: on loopback a 50 KB call takes a millisecond or two. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    private static final int TOLERATED_SLOW_CALLS = CALLS / 10;
    private static final byte[] ANSWER = "{\"Response\":{\"RequestId\":\"no-delay\"}}".getBytes(StandardCharsets.UTF_8);

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private KeepAliveServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void plainCallsDoNotWaitForDelayedAcks() throws Exception {
        server = new KeepAliveServer(ServerSocketFactory.getDefault().createServerSocket(0, 50, loopback));
        assertFewSlowCalls(settings("http", null, null));
    }

    @Test
    void tlsCallsDoNotWaitForDelayedAcks() throws Exception {
        final HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName(loopback.getHostAddress()).build();
        final HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
        final HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
        server = new KeepAliveServer(serverCertificates.sslContext().getServerSocketFactory().createServerSocket(0, 50, loopback));
        assertFewSlowCalls(settings("https", new ClientSettings.Tls(trust.sslContext(), trust.trustManager()), null));
    }

    @Test
    void callsThroughAnHttpProxyDoNotWaitForDelayedAcks() throws Exception {
        // The server answers the proxied request itself: what matters is the socket the client opens to the proxy.
        server = new KeepAliveServer(ServerSocketFactory.getDefault().createServerSocket(0, 50, loopback));
        final Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(loopback, server.port()));
        final ClientSettings direct = settings("http", null, null);
        final ClientSettings viaProxy = new ClientSettings(URI.create("http://ocr.example.invalid"), direct.region(), direct.language(),
                direct.connectTimeout(), direct.readTimeout(), direct.writeTimeout(), null,
                new ClientSettings.ProxySettings(proxy, null, null));
        assertFewSlowCalls(viaProxy);
    }

    @Test
    void callsThroughASocksProxyDoNotWaitForDelayedAcks() throws Exception {
        server = new KeepAliveServer(ServerSocketFactory.getDefault().createServerSocket(0, 50, loopback));
        try (SocksProxy socks = new SocksProxy(new ServerSocket(0, 50, loopback))) {
            final ClientSettings direct = settings("http", null, null);
            final Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(loopback, socks.port()));
            assertFewSlowCalls(new ClientSettings(direct.endpoint(), direct.region(), direct.language(), direct.connectTimeout(),
                    direct.readTimeout(), direct.writeTimeout(), null, new ClientSettings.ProxySettings(proxy, null, null)));
            assertTrue(socks.connections() > 0, "calls went through the SOCKS proxy");
        }
    }

    private ClientSettings settings(final String scheme, final ClientSettings.Tls tls, final ClientSettings.ProxySettings proxy) {
        return new ClientSettings(URI.create(scheme + "://" + loopback.getHostAddress() + ":" + server.port()), "ap-guangzhou", null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), tls, proxy);
    }

    private void assertFewSlowCalls(final ClientSettings settings) throws Exception {
        final byte[] payload = new byte[50 * 1024];
        Arrays.fill(payload, (byte) 'A');
        payload[0] = '{';
        payload[payload.length - 1] = '}';
        int slowCalls = 0;
        final TencentCredentials credentials = new TencentCredentials("AKIDnodelay", "no-delay-secret", null);
        try (TencentApiClient client = new TencentApiClient(settings, Clock.systemUTC())) {
            for (int call = 0; call < CALLS; call++) {
                final long started = System.nanoTime();
                final TencentApiResponse response = client.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", payload), credentials);
                if (System.nanoTime() - started >= STALL_NANOS) {
                    slowCalls++;
                }
                assertEquals("no-delay", response.requestId());
            }
        }
        assertEquals(CALLS, server.requests(), "every call reached the server");
        assertTrue(slowCalls <= TOLERATED_SLOW_CALLS, String.format(Locale.ROOT,
                "%d of %d calls took 40 ms or more: the client's sockets wait for delayed ACKs (TCP_NODELAY off?)", slowCalls, CALLS));
    }

    /** Accepts connections until the server socket is closed, each served on its own virtual thread. */
    private static void serveEachConnection(final ServerSocket serverSocket, final Consumer<Socket> connection) {
        Thread.ofVirtual().start(() -> {
            while (!serverSocket.isClosed()) {
                try {
                    final Socket socket = serverSocket.accept();
                    Thread.ofVirtual().start(() -> connection.accept(socket));
                } catch (final IOException e) {
                    return;
                }
            }
        });
    }

    /**
     * SOCKS5 without authentication, CONNECT only, relaying bytes both ways. Its own sockets have TCP_NODELAY, so the only
     * socket that can stall the relayed request is the one the client opened to the proxy.
     */
    private static final class SocksProxy implements AutoCloseable {
        private final ServerSocket serverSocket;
        private final AtomicInteger connections = new AtomicInteger();

        SocksProxy(final ServerSocket serverSocket) {
            this.serverSocket = serverSocket;
            serveEachConnection(serverSocket, this::relay);
        }

        int port() {
            return serverSocket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void relay(final Socket client) {
            try (client) {
                client.setTcpNoDelay(true);
                final DataInputStream in = new DataInputStream(client.getInputStream());
                final OutputStream out = client.getOutputStream();
                in.readUnsignedByte();
                in.readNBytes(in.readUnsignedByte());
                out.write(new byte[]{5, 0});
                in.readNBytes(3);
                final String host = switch (in.readUnsignedByte()) {
                    case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                    case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                    default -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                };
                try (Socket upstream = new Socket(host, in.readUnsignedShort())) {
                    upstream.setTcpNoDelay(true);
                    connections.incrementAndGet();
                    out.write(new byte[]{5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                    out.flush();
                    final Thread back = Thread.ofVirtual().start(() -> {
                        try {
                            upstream.getInputStream().transferTo(out);
                        } catch (final IOException e) {
                            // either side closed
                        }
                    });
                    in.transferTo(upstream.getOutputStream());
                    upstream.shutdownOutput();
                    back.join();
                }
            } catch (final IOException e) {
                // either side closed
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            serverSocket.close();
        }
    }

    /** HTTP/1.1 with keep-alive over a server socket with default options; answers every request in one write. */
    private static final class KeepAliveServer implements AutoCloseable {
        private final ServerSocket serverSocket;
        private final AtomicInteger requests = new AtomicInteger();

        KeepAliveServer(final ServerSocket serverSocket) {
            this.serverSocket = serverSocket;
            serveEachConnection(serverSocket, this::serve);
        }

        int port() {
            return serverSocket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        private void serve(final Socket socket) {
            try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
                final byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ANSWER.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                final byte[] response = Arrays.copyOf(head, head.length + ANSWER.length);
                System.arraycopy(ANSWER, 0, response, head.length, ANSWER.length);
                long contentLength;
                while ((contentLength = readHeaders(in)) >= 0) {
                    in.skipNBytes(contentLength);
                    requests.incrementAndGet();
                    out.write(response);
                    out.flush();
                }
            } catch (final IOException e) {
                // the client closed the connection
            }
        }

        /** Reads one request's headers; returns its Content-Length, or -1 at the end of the stream. */
        private static long readHeaders(final InputStream in) throws IOException {
            final StringBuilder line = new StringBuilder();
            long contentLength = 0;
            boolean any = false;
            int b;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    final String header = line.toString().trim();
                    if (header.isEmpty()) {
                        return contentLength;
                    }
                    final int colon = header.indexOf(':');
                    if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                        contentLength = Long.parseLong(header.substring(colon + 1).trim());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
            if (any) {
                throw new IOException("Request ended in its headers");
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            serverSocket.close();
        }
    }
}
