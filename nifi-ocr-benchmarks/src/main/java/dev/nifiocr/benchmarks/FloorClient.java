package dev.nifiocr.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The physical floor of one OCR call, what no client can go below: the image Base64-encoded straight into a byte[],
 * one SHA-256 pass over it, headers and body sent in one gathering socket write on a kept-alive connection, and the
 * answer read back whole without parsing. No JSON, no signature, no HTTP library.
 */
final class FloorClient implements AutoCloseable {

    private final SocketChannel channel;
    private final String host;
    private final ByteBuffer answer = ByteBuffer.allocate(64 * 1024);

    FloorClient(final int port) throws IOException {
        this.channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.host = "127.0.0.1:" + port;
    }

    /** One call; returns the answer's length so the JIT cannot drop the work. */
    int call(final byte[] image) throws IOException, NoSuchAlgorithmException {
        final byte[] body = Base64.getEncoder().encode(image);
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
        final byte[] head = ("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nX-Digest-Byte: " + digest[0] + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer[] request = {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
        while (request[1].hasRemaining()) {
            channel.write(request);
        }
        return readAnswer();
    }

    private int readAnswer() throws IOException {
        answer.clear();
        int headerEnd = -1;
        long expected = Long.MAX_VALUE;
        while (answer.position() < expected) {
            if (channel.read(answer) < 0) {
                throw new IOException("Server closed the connection");
            }
            if (headerEnd < 0 && (headerEnd = indexOfHeaderEnd()) >= 0) {
                expected = headerEnd + contentLength(headerEnd);
            }
        }
        return answer.position();
    }

    private int indexOfHeaderEnd() {
        final byte[] bytes = answer.array();
        for (int i = 3; i < answer.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private long contentLength(final int headerEnd) {
        for (final String line : new String(answer.array(), 0, headerEnd, StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        throw new IllegalStateException("Answer without Content-Length");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
