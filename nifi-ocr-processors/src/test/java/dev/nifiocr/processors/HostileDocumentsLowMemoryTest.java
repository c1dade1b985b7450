package dev.nifiocr.processors;

import dev.nifiocr.document.HostileDocuments;
import dev.nifiocr.error.ErrorCatalogue;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile documents and images, each written in the test to be exactly the structure named, through SplitDocument and
 * CompressImage in the low-memory fork (-Xmx256m: the heap they may take is what that leaves) on threads with NiFi's stack:
 * every one ends on one relationship with the code below, nothing is rolled back, and none runs the heap out.
 * The deep page tree and the two compressed bombs were rolled back on the code issue 22 started from (StackOverflowError,
 * OutOfMemoryError escaping onTrigger), the FlowFile taken again forever; the TIFF page of 9,000 x 9,000 RGB pixels was
 * decoded into 243 MB of a 256 MB heap.
 */
class HostileDocumentsLowMemoryTest {

    private static final long HEAP_LIMIT = 300L * 1024 * 1024;
    private static final String SPLIT = "original";
    private static final String FAILURE = "failure";
    private static final String SUCCESS = "success";

    @BeforeAll
    static void onlyInTheLowMemoryFork() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= HEAP_LIMIT, "runs in the low-memory fork only (-Xmx256m)");
    }

    /**
     * @param runner SplitDocument or CompressImage, configured
     * @param content made when the case runs: some are large
     * @param relationship where the input ends: original (split into pages), success or failure
     * @param code its code on failure
     */
    record Case(String name, Function<Map<String, String>, TestRunner> runner, Map<String, String> properties, Supplier<byte[]> content,
                String relationship, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                split("page tree 20,000 levels deep", () -> HostileDocuments.deepPageTree(20_000), FAILURE, ErrorCatalogue.NESTING_TOO_DEEP),
                split("page tree 500 levels deep", () -> HostileDocuments.deepPageTree(500), SPLIT, null),
                split("page tree whose kid is its root", HostileDocuments::cyclicPageTree, FAILURE, ErrorCatalogue.CORRUPT_DOCUMENT),
                split("page tree declaring 2,147,483,647 pages", HostileDocuments::pageCountBomb, FAILURE, ErrorCatalogue.TOO_MANY_PAGES),
                split("object nested 100,000 arrays deep", () -> HostileDocuments.deeplyNestedObject(100_000), SPLIT, null),
                split("object stream behind 512 MB of inflated padding", () -> HostileDocuments.objectStreamBomb(512 << 20), FAILURE,
                        ErrorCatalogue.DOCUMENT_OUT_OF_MEMORY),
                // PDFBox holds a page's decoded content in the heap to copy or read it: measured first, refused past half the heap
                split("content stream inflating to 512 MB", () -> HostileDocuments.contentStreamBomb(512 << 20), FAILURE, ErrorCatalogue.PAGE_TOO_LARGE),
                new Case("content stream inflating to 512 MB, text layer read", HostileContent::splitDocument, Map.of("Use Text Layer", "true"),
                        () -> HostileDocuments.contentStreamBomb(512 << 20), FAILURE, ErrorCatalogue.PAGE_TOO_LARGE),
                split("content stream inflating to 64 MB, within the heap", () -> HostileDocuments.contentStreamBomb(64 << 20), SPLIT, null),
                split("cross-reference table cut short, startxref past the end", HostileDocuments::truncatedXref, SPLIT, null),
                split("cross-reference table whose /Prev is itself", HostileDocuments::xrefPrevLoop, SPLIT, null),
                split("JBIG2 image of noise with self-referencing globals", HostileDocuments::jbig2Noise, SPLIT, null),
                split("TIFF whose IFD is its own next IFD", HostileDocuments::tiffIfdLoop, SPLIT, null),
                split("TIFF whose two IFDs name each other", HostileDocuments::tiffTwoIfdLoop, SPLIT, null),
                split("TIFF whose SubIFDs point at its own IFD", HostileDocuments::tiffSubIfdLoop, SPLIT, null),
                split("TIFF page declaring 60,000 x 60,000 pixels", () -> HostileDocuments.tiffDeclaring(60_000, 60_000), FAILURE,
                        ErrorCatalogue.PAGE_TOO_MANY_PIXELS),
                split("TIFF page of 9,000 x 9,000 RGB pixels, over half the heap", () -> HostileDocuments.tiffDeclaring(9_000, 9_000), FAILURE,
                        ErrorCatalogue.PAGE_TOO_MANY_PIXELS),
                split("TIFF page of 9,000 x 9,000 blank RGB pixels in 240 KB of Deflate", () -> HostileDocuments.tiffDeflatedBlank(9_000, 9_000),
                        FAILURE, ErrorCatalogue.PAGE_TOO_MANY_PIXELS),
                split("TIFF page of 6,000 x 4,000 blank RGB pixels in Deflate, within half the heap", () -> HostileDocuments.tiffDeflatedBlank(6_000, 4_000),
                        SPLIT, null),
                split("CCITT T.4 page of noise", () -> HostileDocuments.tiffCcittNoise(3), FAILURE, ErrorCatalogue.CORRUPT_DOCUMENT),
                split("CCITT T.6 page of noise", () -> HostileDocuments.tiffCcittNoise(4), FAILURE, ErrorCatalogue.CORRUPT_DOCUMENT),
                split("CCITT T.6 declared for 8-bit samples", HostileDocuments::tiffCcittEightBit, FAILURE, ErrorCatalogue.CORRUPT_DOCUMENT),
                split("JBIG-compressed TIFF", HostileDocuments::tiffJbig, FAILURE, ErrorCatalogue.CORRUPT_DOCUMENT),
                split("TIFF strip beyond the end of the file", HostileDocuments::tiffStripBeyondEnd, FAILURE, ErrorCatalogue.CORRUPT_DOCUMENT),
                compress("TIFF whose IFD is its own next IFD", HostileDocuments::tiffIfdLoop, SUCCESS, null),
                compress("TIFF whose SubIFDs point at its own IFD", HostileDocuments::tiffSubIfdLoop, SUCCESS, null),
                compress("TIFF of 9,000 x 9,000 RGB pixels", () -> HostileDocuments.tiffDeclaring(9_000, 9_000), FAILURE, ErrorCatalogue.CORRUPT_IMAGE),
                // CompressImage decodes it subsampled within its memory budget
                compress("TIFF of 9,000 x 9,000 blank RGB pixels in Deflate", () -> HostileDocuments.tiffDeflatedBlank(9_000, 9_000), SUCCESS, null),
                compress("CCITT T.6 image of noise", () -> HostileDocuments.tiffCcittNoise(4), FAILURE, ErrorCatalogue.CORRUPT_IMAGE),
                compress("JBIG-compressed TIFF", HostileDocuments::tiffJbig, FAILURE, ErrorCatalogue.CORRUPT_IMAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void endsOnOneRelationshipWithItsCode(final Case input) {
        final HostileContent.End end = HostileContent.run(input.runner().apply(input.properties()), input.content().get());
        assertEquals(input.relationship(), end.relationship(), input.name() + ": " + end);
        assertEquals(input.code(), end.code(), input.name() + ": " + end);
    }

    private static Case split(final String name, final Supplier<byte[]> content, final String relationship, final String code) {
        return new Case(name, HostileContent::splitDocument, Map.of(), content, relationship, code);
    }

    private static Case compress(final String name, final Supplier<byte[]> content, final String relationship, final String code) {
        return new Case(name, HostileContent::compressImage, Map.of(), content, relationship, code);
    }
}
