package dev.nifiocr.fuzz;

import dev.nifiocr.document.HostileDocuments;
import dev.nifiocr.document.TestDocuments;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed inputs of {@link EntryPointsFuzzTest}, small (libFuzzer grows inputs up to 4,096 bytes) and each a different structure,
 * kept under src/test/resources beside the crashes found. Checks they are there; write them again with
 * {@code ./mvnw -B -pl nifi-ocr-processors -am test -Dtest=FuzzSeedsTest -Dsurefire.failIfNoSpecifiedTests=false -Dnifiocr.fuzz.seeds.write=true}.
 */
class FuzzSeedsTest {

    private static final Path INPUTS = Path.of("src/test/resources/dev/nifiocr/fuzz/EntryPointsFuzzTestInputs/endsOnOneRelationshipWithACode");
    private static final int MAX_SEED = 4096;

    /** Seed name to input, its first byte picking the entry point. */
    static Map<String, byte[]> seeds() {
        final Map<String, byte[]> seeds = new LinkedHashMap<>();
        add(seeds, EntryPointsFuzzTest.Entry.PDF, pdfs());
        add(seeds, EntryPointsFuzzTest.Entry.TIFF, tiffs());
        add(seeds, EntryPointsFuzzTest.Entry.IMAGE, images());
        add(seeds, EntryPointsFuzzTest.Entry.ANSWER, answersAndContent());
        return seeds;
    }

    @Test
    void seedsAreKept() throws IOException {
        final boolean write = Boolean.getBoolean("nifiocr.fuzz.seeds.write");
        for (final Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            final Path file = INPUTS.resolve("seed-" + seed.getKey());
            assertTrue(seed.getValue().length <= MAX_SEED, file + " is " + seed.getValue().length + " bytes");
            if (write) {
                Files.createDirectories(INPUTS);
                Files.write(file, seed.getValue());
            } else {
                // PDFBox writes a new document ID and the ZIP a time each time: seeds are checked to be there, not equal
                assertTrue(Files.exists(file) && Files.size(file) > 0, file + ": write the seeds with -Dnifiocr.fuzz.seeds.write=true");
            }
        }
    }

    private static void add(final Map<String, byte[]> seeds, final EntryPointsFuzzTest.Entry entry, final Map<String, byte[]> inputs) {
        inputs.forEach((name, content) -> {
            final byte[] input = new byte[content.length + 1];
            input[0] = (byte) entry.ordinal();
            System.arraycopy(content, 0, input, 1, content.length);
            seeds.put(entry.name().toLowerCase(Locale.ROOT) + "-" + name, input);
        });
    }

    private static Map<String, byte[]> pdfs() {
        final Map<String, byte[]> pdfs = new LinkedHashMap<>();
        pdfs.put("two-pages.pdf", TestDocuments.pdf(2, 2));
        pdfs.put("deep-page-tree.pdf", HostileDocuments.deepPageTree(20));
        pdfs.put("cyclic-page-tree.pdf", HostileDocuments.cyclicPageTree());
        pdfs.put("page-count-bomb.pdf", HostileDocuments.pageCountBomb());
        pdfs.put("nested-object.pdf", HostileDocuments.deeplyNestedObject(300));
        pdfs.put("content-inflating-64k.pdf", HostileDocuments.contentStreamBomb(1 << 16));
        pdfs.put("object-stream.pdf", HostileDocuments.objectStreamBomb(1 << 16));
        pdfs.put("xref-prev-loop.pdf", HostileDocuments.xrefPrevLoop());
        pdfs.put("jbig2-noise.pdf", HostileDocuments.jbig2Noise());
        return pdfs;
    }

    private static Map<String, byte[]> tiffs() {
        final Map<String, byte[]> tiffs = new LinkedHashMap<>();
        tiffs.put("gray.tif", HostileDocuments.grayTiff(16, 12));
        tiffs.put("ifd-loop.tif", HostileDocuments.tiffIfdLoop());
        tiffs.put("sub-ifd-loop.tif", HostileDocuments.tiffSubIfdLoop());
        tiffs.put("ccitt-t4.tif", HostileDocuments.tiffCcittNoise(3));
        tiffs.put("ccitt-t6.tif", HostileDocuments.tiffCcittNoise(4));
        tiffs.put("bilevel-g4.tif", TestDocuments.tiff(List.of(page(64, 48, BufferedImage.TYPE_BYTE_BINARY)), "CCITT T.6"));
        tiffs.put("rgb-lzw-two-pages.tif", TestDocuments.tiff(List.of(page(12, 10, BufferedImage.TYPE_INT_RGB), page(9, 7, BufferedImage.TYPE_BYTE_GRAY)), "LZW"));
        tiffs.put("rgb-deflate.tif", TestDocuments.tiff(List.of(page(12, 10, BufferedImage.TYPE_INT_RGB)), "Deflate"));
        tiffs.put("packbits.tif", TestDocuments.tiff(List.of(page(20, 8, BufferedImage.TYPE_BYTE_GRAY)), "PackBits"));
        return tiffs;
    }

    private static Map<String, byte[]> images() {
        final Map<String, byte[]> images = new LinkedHashMap<>();
        final BufferedImage page = TestImages.textPage(32, 24, BufferedImage.TYPE_INT_RGB, 3);
        images.put("page.png", TestImages.encode(page, "png"));
        images.put("page.jpg", TestImages.jpeg(page, 0.8f));
        images.put("page.gif", TestImages.encode(page, "gif"));
        images.put("page.bmp", TestImages.encode(page, "bmp"));
        images.put("page-lzw.tif", TestDocuments.tiff(List.of(page), "LZW"));
        images.put("orientation-6.jpg", TestImages.withExifOrientation(TestImages.jpeg(page, 0.8f), 6));
        images.put("pixel-bomb.png", TestImages.pngHeaderClaiming(60_000, 60_000));
        return images;
    }

    private static Map<String, byte[]> answersAndContent() {
        final Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("handwriting.json", Fixtures.bytes("GeneralHandwritingOCR-1.json"));
        inputs.put("table.json", Fixtures.bytes("TableOCR-1.json"));
        inputs.put("error-fixture.json", Fixtures.bytes("error-AuthFailure.SignatureFailure-1.json"));
        inputs.put("error.json", ascii("{\"Response\":{\"Error\":{\"Code\":\"FailedOperation.ImageNoText\",\"Message\":\"no text\"},\"RequestId\":\"r-1\"}}"));
        inputs.put("job-submit.json", ascii("{\"Response\":{\"JobId\":\"job-1\",\"JobIds\":[\"a\",\"b\"],\"RequestId\":\"r-2\"}}"));
        inputs.put("job-done.json", ascii("{\"Response\":{\"JobStatus\":\"DONE\",\"ErrorCode\":\"\",\"StructuralList\":[],\"RequestId\":\"r-3\"}}"));
        inputs.put("lkeap-done.json", ascii("{\"Response\":{\"Status\":\"Success\",\"DocumentRecognizeResultUrl\":\"https://example.com/r.zip\","
                + "\"FailedPages\":[{\"PageNumber\":2}],\"Usage\":{\"PageNumber\":3,\"TotalTokens\":10},\"RequestId\":\"r-4\"}}"));
        inputs.put("ofd.zip", ofd());
        inputs.put("pdf-head.bin", ascii("%PDF-1.7\n1 0 obj <<>> endobj\n"));
        inputs.put("tiff-head.bin", HostileDocuments.grayTiff(4, 3));
        return inputs;
    }

    private static byte[] ofd() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("Doc_0/Document.xml"));
            zip.write(ascii("<ofd:Document/>"));
            zip.putNextEntry(new ZipEntry("OFD.xml"));
            zip.write(ascii("<ofd:OFD DocType=\"OFD\"/>"));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage page(final int width, final int height, final int type) {
        final BufferedImage image = new BufferedImage(width, height, type);
        final BufferedImage drawn = TestImages.textPage(width, height, BufferedImage.TYPE_INT_RGB, width);
        image.getGraphics().drawImage(drawn, 0, 0, null);
        return image;
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
