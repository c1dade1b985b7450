package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of Tencent's documented examples (fixtures/Action-n.json) the emulator answers for an Action it does not read:
 * the first that is not an error, as some Actions document a failure first (ExtractDocAgent-1 is an OcrFailed).
 */
final class ExampleAnswers {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> CHOSEN = new ConcurrentHashMap<>();

    private ExampleAnswers() {
    }

    /** The fixture name, e.g. "ExtractDocAgent-2"; Action-1 when none answers without error (or none exists). */
    static String successful(final String action) {
        return CHOSEN.computeIfAbsent(action, key -> {
            for (int number = 1; ; number++) {
                try (InputStream in = ExampleAnswers.class.getResourceAsStream("/fixtures/" + key + "-" + number + ".json")) {
                    if (in == null) {
                        return key + "-1";
                    }
                    if (!MAPPER.readTree(in).path("Response").has("Error")) {
                        return key + "-" + number;
                    }
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
