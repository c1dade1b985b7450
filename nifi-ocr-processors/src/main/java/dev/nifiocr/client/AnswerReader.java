package dev.nifiocr.client;

import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.GzipSource;
import okio.Okio;
import okio.Source;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads an answer body through a cap on its decoded size, so that neither a huge answer nor a small compressed one that
 * inflates (283 KB of gzip can become 100 MB) can exhaust the heap. The client asks for identity encoding; a server that
 * compresses anyway is inflated here, through the same cap.
 */
final class AnswerReader {

    /** Sent with every request: OkHttp then neither asks for gzip nor inflates transparently. */
    static final String ACCEPT_ENCODING = "identity";

    private AnswerReader() {
    }

    /** The answer uses an encoding this client cannot read. */
    static final class UnreadableAnswerException extends IOException {
        UnreadableAnswerException(final String message) {
            super(message);
        }
    }

    /** The answer is larger than the cap; nothing beyond the cap was read. */
    static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(final String message) {
            super(message);
        }
    }

    /**
     * @throws AnswerTooLargeException when the declared length or the decoded bytes exceed maxBytes
     * @throws IOException when the body cannot be read or decoded
     */
    static byte[] read(final Response response, final long maxBytes) throws IOException {
        final String encoding = response.header("Content-Encoding", "identity").trim().toLowerCase(Locale.ROOT);
        final long declared = response.body().contentLength();
        if (encoding.equals("identity") && declared > maxBytes) {
            throw tooLarge("declares %,d bytes".formatted(declared), maxBytes);
        }
        final BufferedSource raw = response.body().source();
        final Source decoded = switch (encoding) {
            case "identity", "" -> raw;
            case "gzip", "x-gzip" -> new GzipSource(raw);
            default -> throw new UnreadableAnswerException("Answer has Content-Encoding [%s], which this client does not read".formatted(encoding));
        };
        final Buffer answer = new Buffer();
        try (BufferedSource source = Okio.buffer(decoded)) {
            while (source.read(answer, 64 * 1024) != -1) {
                if (answer.size() > maxBytes) {
                    throw tooLarge("is larger than that", maxBytes);
                }
            }
        }
        return answer.readByteArray();
    }

    private static AnswerTooLargeException tooLarge(final String what, final long maxBytes) {
        return new AnswerTooLargeException("Answer %s; Maximum Answer Size is %,d bytes".formatted(what, maxBytes));
    }
}
