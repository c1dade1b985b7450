package dev.nifiocr.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Chinese message the emulator can answer has its English wording, so en-US requests never read Chinese. */
class WordingTest {

    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void everyChineseMessageOfTheEmulatorHasItsEnglishWording() throws IOException {
        final List<String> messages = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/nifiocr/emulator"))) {
            for (final Path source : sources.filter(file -> !file.endsWith("Wording.java")).toList()) {
                final Matcher literal = LITERAL.matcher(Files.readString(source));
                while (literal.find()) {
                    if (CHINESE.matcher(literal.group(1)).find()) {
                        messages.add(literal.group(1));
                    }
                }
            }
        }
        assertTrue(messages.size() >= 15, "the emulator's Chinese messages were found: " + messages);
        for (final String message : messages) {
            assertFalse(CHINESE.matcher(Wording.english(message)).find(), "no English for: " + message);
        }
    }

    @Test
    void keepsTheEmulatorsOwnDetail() {
        assertEquals("Image decoding failed (ImageBase64 is not Base64)", Wording.english("图片解码失败 (ImageBase64 is not Base64)"));
        assertEquals("The job does not exist or has expired (JobId [j] is unknown)", Wording.english("任务不存在或已过期 (JobId [j] is unknown)"));
        assertEquals("The request body is not JSON", Wording.english("The request body is not JSON"));
    }
}
