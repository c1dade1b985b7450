package dev.nifiocr.document;

import dev.nifiocr.test.TestImages;
import org.apache.nifi.processor.exception.FlowFileAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TIFF pages become PNGs without losing a pixel, black and white staying 1 bit; a failing output is not the page's fault. */
class PngPageTest {

    @TempDir
    Path directory;

    @Test
    void everyPixelSurvivesAndBlackAndWhiteStaysOneBit() throws Exception {
        final List<BufferedImage> pages = List.of(drawn(BufferedImage.TYPE_BYTE_BINARY), drawn(BufferedImage.TYPE_BYTE_GRAY),
                drawn(BufferedImage.TYPE_INT_RGB), drawn(BufferedImage.TYPE_USHORT_GRAY));
        try (PageSource source = PageSource.open(tiff(pages), Long.MAX_VALUE)) {
            assertEquals(pages.size(), source.pageCount());
            for (int page = 1; page <= pages.size(); page++) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                source.writePage(page, out);
                final BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
                final BufferedImage original = pages.get(page - 1);
                assertArrayEquals(rgb(original), rgb(png), "page " + page + " pixel for pixel");
                assertEquals(original.getColorModel().getPixelSize(), png.getColorModel().getPixelSize(), "page " + page + " bits per pixel");
            }
        }
    }

    @Test
    void transparencyIsFlattenedOntoWhite() throws Exception {
        final BufferedImage transparent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(5, 5, 0xFF000000);
        try (PageSource source = PageSource.open(tiff(List.of(transparent)), Long.MAX_VALUE)) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            source.writePage(1, out);
            final BufferedImage png = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(false, png.getColorModel().hasAlpha());
            assertEquals(0xFFFFFFFF, png.getRGB(0, 0));
            assertEquals(0xFF000000, png.getRGB(5, 5));
        }
    }

    /** In NiFi the content repository's stream throws FlowFileAccessException: the session must roll back, not fail the page. */
    @Test
    void aFailingOutputPassesAsItIs() throws Exception {
        final FlowFileAccessException full = new FlowFileAccessException("content repository full");
        final OutputStream failing = new OutputStream() {
            @Override
            public void write(final int b) {
                throw full;
            }

            @Override
            public void write(final byte[] b, final int off, final int len) {
                throw full;
            }
        };
        try (PageSource tiff = PageSource.open(tiff(List.of(drawn(BufferedImage.TYPE_BYTE_GRAY))), Long.MAX_VALUE)) {
            assertSame(full, assertThrows(FlowFileAccessException.class, () -> tiff.writePage(1, failing)));
        }
        final Path pdf = Files.write(directory.resolve("document.pdf"), TestDocuments.pdf(1));
        try (PageSource source = PageSource.open(pdf, Long.MAX_VALUE)) {
            assertSame(full, assertThrows(FlowFileAccessException.class, () -> source.writePage(1, failing)));
        }
    }

    /**
     * The page format decision (docs/documents.md): A4 scans at 300 dpi as PNG fit Tencent's limits after Base64, black and
     * white even TableOCR's 3 MB (measured 171 KB), 8-bit gray with scanner noise the 7 MB of most Actions (measured 4.3 MB).
     */
    @Test
    void aFourScansAt300DpiFitTencentsLimits() throws Exception {
        final BufferedImage text = TestImages.textPage(2480, 3508, BufferedImage.TYPE_INT_RGB, 5);
        final BufferedImage bilevel = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_BINARY);
        bilevel.getGraphics().drawImage(text, 0, 0, null);
        final BufferedImage gray = new BufferedImage(2480, 3508, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(TestImages.grain(text, 4, 7), 0, 0, null);
        try (PageSource source = PageSource.open(tiff(List.of(bilevel, gray)), Long.MAX_VALUE)) {
            assertTrue(base64Length(source, 1) < 3L * 1024 * 1024, "black and white fits TableOCR's 3 MB");
            assertTrue(base64Length(source, 2) < 7L * 1024 * 1024, "noisy gray fits 7 MB");
        }
    }

    private static long base64Length(final PageSource source, final int page) throws Exception {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.writePage(page, out);
        return 4L * ((out.size() + 2) / 3);
    }

    private static BufferedImage drawn(final int type) {
        final BufferedImage image = new BufferedImage(173, 97, type);
        final Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(new Color(30, 90, 160));
        graphics.drawString("Invoice 0071", 10, 40);
        graphics.fillRect(120, 60, 30, 20);
        graphics.dispose();
        return image;
    }

    private Path tiff(final List<BufferedImage> pages) throws IOException {
        return Files.write(directory.resolve("pages.tif"), TestDocuments.tiff(pages, null));
    }

    private static int[] rgb(final BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
