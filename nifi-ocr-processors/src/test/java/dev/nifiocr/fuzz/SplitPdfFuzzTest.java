package dev.nifiocr.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nifiocr.processors.HostileContent;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Any bytes as a PDF through SplitDocument, text layer on: pages or one coded failure, never a rollback, never the heap run out. */
class SplitPdfFuzzTest {

    private static final Runners RUNNERS = new Runners(() -> HostileContent.splitDocument(Map.of("Use Text Layer", "true")));

    @FuzzTest(maxDuration = "40s")
    @Timeout(30)
    void splitsOrRefusesWithACode(final byte[] content) {
        final TestRunner runner = RUNNERS.next();
        final HostileContent.End end = HostileContent.run(runner, content);
        assertFalse(HostileContent.OUT_OF_MEMORY.contains(end.code()), "a few KB ran the heap out: " + end);
    }
}
