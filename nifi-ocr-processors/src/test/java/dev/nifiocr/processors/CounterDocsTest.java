package dev.nifiocr.processors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter vocabulary is documented in one place, InvokeTencentOCR's additional details, whose table this test writes
 * from {@link CallCounters#VOCABULARY} and checks; the job processors' additional details name the counters they write.
 * After changing the vocabulary, rewrite the table with
 * {@code ./mvnw -B -o -pl nifi-ocr-processors -am test -Dtest=CounterDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dnifiocr.docs.write=true}.
 */
class CounterDocsTest {

    private static final Path DOCS = Path.of("src/main/resources/docs");
    private static final Path INVOKE = DOCS.resolve("dev.nifiocr.processors.InvokeTencentOCR/additionalDetails.md");
    private static final String BEGIN = "<!-- Generated from CallCounters by CounterDocsTest: begin -->";
    private static final String END = "<!-- Generated from CallCounters: end -->";

    static String table() {
        final StringBuilder table = new StringBuilder("| Counter | Counts | Written by |\n|---|---|---|\n");
        for (final CallCounters.Counter counter : CallCounters.VOCABULARY) {
            table.append("| `%s%s` | %s | %s |\n".formatted(counter.perAction() ? "<Action> " : "", counter.name(),
                    counter.counts().replace("|", "\\|"), counter.writtenBy().equals(CallCounters.ALL_THREE) ? "all three" : counter.writtenBy()));
        }
        return table.toString();
    }

    @Test
    void counterTableIsTheVocabulary() throws IOException {
        final String docs = Files.readString(INVOKE, StandardCharsets.UTF_8);
        final int begin = docs.indexOf(BEGIN);
        final int end = docs.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "markers of the generated table in " + INVOKE);
        if (Boolean.getBoolean("nifiocr.docs.write")) {
            Files.writeString(INVOKE, docs.substring(0, begin + BEGIN.length()) + "\n" + table() + docs.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(table(), docs.substring(begin + BEGIN.length() + 1, end),
                "the counter table differs from CallCounters: run this test with -Dnifiocr.docs.write=true");
    }

    @Test
    void eachProcessorsDetailsNameTheCountersItWrites() throws IOException {
        for (final String processor : List.of("SubmitTencentOCRJob", "GetTencentOCRJobStatus")) {
            final String docs = Files.readString(DOCS.resolve("dev.nifiocr.processors." + processor + "/additionalDetails.md"), StandardCharsets.UTF_8);
            for (final CallCounters.Counter counter : CallCounters.VOCABULARY) {
                if (counter.writtenBy().contains(processor) || counter.writtenBy().equals("every component")) {
                    assertTrue(docs.contains("`" + (counter.perAction() ? "<Action> " : "") + counter.name() + "`"), processor + " does not name " + counter.name());
                }
            }
        }
    }
}
