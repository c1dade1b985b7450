package dev.nifiocr.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nifiocr.processors.HostileContent;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Any bytes as an image through CompressImage: fitted, or one coded failure, never a rollback, never the heap run out. */
class CompressImageFuzzTest {

    private static final Runners RUNNERS = new Runners(() -> HostileContent.compressImage(Map.of("Maximum Pixels", "4000000")));

    @FuzzTest(maxDuration = "25s")
    @Timeout(30)
    void fitsOrRefusesWithACode(final byte[] content) {
        final HostileContent.End end = HostileContent.run(RUNNERS.next(), content);
        assertFalse(HostileContent.OUT_OF_MEMORY.contains(end.code()), "a few KB ran the heap out: " + end);
    }
}
