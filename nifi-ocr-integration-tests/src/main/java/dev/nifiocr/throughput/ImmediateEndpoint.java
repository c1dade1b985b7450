package dev.nifiocr.throughput;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP/1.1 endpoint on loopback that answers every POST at once with one fixed answer, in one write, on keep-alive
 * connections. Its sockets keep the platform's default options (Nagle on): nothing on the server side hides a client
 * that sends a request in pieces. Records, per request, the time from its first byte to the answer written and the
 * CPU its connection thread spent on it.
 */
final class ImmediateEndpoint implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ServerSocket serverSocket;
    private final byte[] response;
    private final long[] callNanos;
    private final AtomicInteger calls = new AtomicInteger();
    private final LongAdder cpuNanos = new LongAdder();

    ImmediateEndpoint(final byte[] answer, final int maxCallsRecorded) throws IOException {
        this.serverSocket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        final byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.response = Arrays.copyOf(head, head.length + answer.length);
        System.arraycopy(answer, 0, response, head.length, answer.length);
        this.callNanos = new long[maxCallsRecorded];
        Thread.ofPlatform().daemon().name("endpoint-accept").start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort();
    }

    /** Forgets what was recorded so far: the next variant starts from zero. */
    synchronized void reset() {
        calls.set(0);
        cpuNanos.reset();
    }

    int calls() {
        return Math.min(calls.get(), callNanos.length);
    }

    long cpuNanos() {
        return cpuNanos.sum();
    }

    /** The call times recorded since the last reset, sorted. */
    long[] sortedCallNanos() {
        final long[] recorded = Arrays.copyOf(callNanos, calls());
        Arrays.sort(recorded);
        return recorded;
    }

    private void accept() {
        while (!serverSocket.isClosed()) {
            try {
                final Socket socket = serverSocket.accept();
                Thread.ofPlatform().daemon().name("endpoint-connection").start(() -> serve(socket));
            } catch (final IOException e) {
                return;
            }
        }
    }

    private void serve(final Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024); OutputStream out = socket.getOutputStream()) {
            long cpuMark = THREADS.getCurrentThreadCpuTime();
            int first;
            while ((first = in.read()) != -1) {
                final long started = System.nanoTime();
                readRequest(in, first);
                out.write(response);
                out.flush();
                final int call = calls.getAndIncrement();
                if (call < callNanos.length) {
                    callNanos[call] = System.nanoTime() - started;
                }
                final long cpuNow = THREADS.getCurrentThreadCpuTime();
                cpuNanos.add(cpuNow - cpuMark);
                cpuMark = cpuNow;
            }
        } catch (final IOException e) {
            // the client closed the connection
        }
    }

    /** Reads one request, headers and body (Content-Length or chunked), whose first byte was already read. */
    private static void readRequest(final InputStream in, final int first) throws IOException {
        long contentLength = 0;
        boolean chunked = false;
        String line = readLine(in, first);
        while (!(line = readLine(in, in.read())).isEmpty()) {
            final int colon = line.indexOf(':');
            final String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(line.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && line.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(contentLength);
            return;
        }
        long chunk;
        while ((chunk = Long.parseLong(readLine(in, in.read()).split(";")[0].trim(), 16)) > 0) {
            in.skipNBytes(chunk);
            readLine(in, in.read());
        }
        while (!readLine(in, in.read()).isEmpty()) {
            // trailers
        }
    }

    private static String readLine(final InputStream in, final int first) throws IOException {
        final StringBuilder line = new StringBuilder();
        for (int b = first; b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("Request cut short");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
