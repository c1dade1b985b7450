package dev.nifiocr.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nifiocr.processors.HostileContent;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Any bytes as a TIFF through SplitDocument: PNG pages or one coded failure, never a rollback, never the heap run out.
 * Pages are capped at 4 megapixels so that the fuzzer spends its time on structure, not on decoding large blank pages.
 */
class SplitTiffFuzzTest {

    private static final Runners RUNNERS = new Runners(() -> HostileContent.splitDocument(Map.of("Maximum Pixels per Page", "4000000")));

    @FuzzTest(maxDuration = "25s")
    @Timeout(30)
    void splitsOrRefusesWithACode(final byte[] content) {
        final HostileContent.End end = HostileContent.run(RUNNERS.next(), content);
        assertFalse(HostileContent.OUT_OF_MEMORY.contains(end.code()), "a few KB ran the heap out: " + end);
    }
}
