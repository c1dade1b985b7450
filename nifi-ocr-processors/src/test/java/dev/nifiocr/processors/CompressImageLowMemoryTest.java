package dev.nifiocr.processors;

import dev.nifiocr.image.ImageFitException;
import dev.nifiocr.test.TestImages;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * CompressImage's bad-input corpus, run by Surefire in its own JVM with a 256 MB heap (the {@code low-memory} execution
 * in this module's pom) so that a budget that undercounts fails here with an OutOfMemoryError. For each input: exactly
 * one relationship, the expected code, nothing rolled back (the queue is empty), no exception to the framework.
 */
class CompressImageLowMemoryTest {

    private static final long HEAP_LIMIT = 300L * 1024 * 1024;

    /** A 30-megapixel 16-bit RGBA PNG: 240 MB decoded at 8 bytes a pixel, about the whole heap; 1.5 MB as a file. */
    private static byte[] deepPng;

    private TestRunner runner;

    @BeforeAll
    static void makeImages() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= HEAP_LIMIT, "runs in the low-memory fork only (-Xmx256m)");
        deepPng = TestImages.png16BitRgba(6000, 5000);
    }

    @BeforeEach
    void setRunner() {
        runner = TestRunners.newTestRunner(CompressImage.class);
    }

    record Case(String name, Map<String, String> properties, byte[] content, String relationship, String errorCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        final BufferedImage page = TestImages.textPage(1000, 800, BufferedImage.TYPE_INT_RGB, 21);
        final byte[] jpeg = TestImages.jpeg(page, 0.9f);
        final byte[] png = TestImages.encode(page, "png");
        final byte[] gif = TestImages.encode(page, "gif");
        final byte[] tiff = TestImages.tiffInStrips(700, 650, 64, 0);
        final String corrupt = ImageFitException.CORRUPT_IMAGE;
        return Stream.of(
                new Case("16-bit RGBA PNG decoded subsampled within the default budget", Map.of(), deepPng, "success", null),
                new Case("16-bit RGBA PNG that cannot shrink enough for the budget", Map.of("Minimum Short Side", "5000", "Memory Budget", "100 MB"),
                        deepPng, "failure", ImageFitException.CANNOT_FIT),
                new Case("budget above the heap: the OutOfMemoryError is a refusal", Map.of("Memory Budget", "100 GB"), deepPng, "failure",
                        ImageFitException.OUT_OF_MEMORY),
                new Case("content larger than the budget, refused before reading", Map.of("Memory Budget", "1 KB"), jpeg, "failure", ImageFitException.CANNOT_FIT),
                new Case("pixel bomb header", Map.of(), TestImages.pngHeaderClaiming(60_000, 60_000), "failure", ImageFitException.TOO_MANY_PIXELS),
                new Case("16-bit RGBA bomb header under Maximum Pixels", Map.of("Minimum Short Side", "9000"),
                        TestImages.pngHeaderClaiming(9000, 9000, 16, 6), "failure", ImageFitException.CANNOT_FIT),
                new Case("empty", Map.of(), new byte[0], "failure", ImageFitException.EMPTY),
                new Case("not an image", Map.of(), "hello, not an image".getBytes(), "failure", ImageFitException.UNSUPPORTED_IMAGE),
                new Case("truncated JPEG that fits", Map.of(), Arrays.copyOf(jpeg, jpeg.length - 100), "failure", corrupt),
                new Case("truncated PNG that fits", Map.of(), Arrays.copyOf(png, png.length - 100), "failure", corrupt),
                new Case("truncated GIF", Map.of(), Arrays.copyOf(gif, gif.length - 100), "failure", corrupt),
                new Case("truncated TIFF", Map.of(), Arrays.copyOf(tiff, tiff.length - 100), "failure", corrupt),
                new Case("TIFF with a short last strip", Map.of(), tiff, "success", null),
                new Case("CMYK JPEG", Map.of(), TestImages.cmykJpeg(800, 600), "success", null));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void endsOnExactlyOneRelationshipWithItsCode(final Case input) {
        input.properties().forEach(runner::setProperty);
        runner.enqueue(input.content());

        runner.run();

        runner.assertQueueEmpty();
        final List<MockFlowFile> out = runner.getFlowFilesForRelationship(input.relationship());
        assertEquals(1, out.size(), input.name());
        assertEquals(1, runner.getFlowFilesForRelationship(CompressImage.REL_SUCCESS).size() + runner.getFlowFilesForRelationship(CompressImage.REL_FAILURE).size());
        final MockFlowFile flowFile = out.getFirst();
        if (input.errorCode() == null) {
            flowFile.assertAttributeNotExists(OcrAttributes.ERROR_CODE);
        } else {
            flowFile.assertAttributeEquals(OcrAttributes.ERROR_CODE, input.errorCode());
            assertArrayEquals(input.content(), flowFile.toByteArray(), "refused content stays unchanged");
            assertTrue(flowFile.getAttribute(OcrAttributes.ERROR_MESSAGE).length() > 10);
        }
    }
}
