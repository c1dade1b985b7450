package dev.nifiocr.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Tencent's documented examples (copied from shared/reference/fixtures once, into nifi-ocr-emulator's resources). */
public final class Fixtures {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    public static byte[] bytes(final String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(final String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static JsonNode json(final String name) {
        try {
            return OBJECT_MAPPER.readTree(bytes(name));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
