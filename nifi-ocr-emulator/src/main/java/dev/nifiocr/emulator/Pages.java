package dev.nifiocr.emulator;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Turns what a request sent into the page to read: an image as it is (PNG, JPEG, BMP, GIF, TIFF: what the JDK decodes),
 * or one page of a PDF rendered with PDFBox. Refuses, as Tencent does, what cannot be decoded and images too large to
 * decode within a bounded amount of memory.
 */
final class Pages {

    /** Larger images are refused before decoding (FailedOperation.ImageSizeTooLarge), keeping memory bounded. */
    static final long MAX_PIXELS = 50_000_000L;
    private static final float PDF_DPI = 150;
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /** The page to read and, for a PDF, its number of pages (0 for an image, as Tencent's PdfPageSize). */
    record Page(BufferedImage image, int pdfPageCount) {
    }

    private Pages() {
    }

    static boolean isPdf(final byte[] content) {
        return content.length >= PDF_MAGIC.length && Arrays.equals(content, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length);
    }

    /** An image decoded as 8-bit BGR on white (transparency flattened, as the engine reads it). */
    static Page image(final byte[] content) throws TencentError {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            final Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new TencentError("FailedOperation.ImageDecodeFailed", "图片解码失败 (not an image format the emulator decodes)");
            }
            final ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                final long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new TencentError("FailedOperation.ImageSizeTooLarge", "图片尺寸过大 (%d pixels, the emulator decodes at most %d)".formatted(pixels, MAX_PIXELS));
                }
                return new Page(bgr(reader.read(0)), 0);
            } finally {
                reader.dispose();
            }
        } catch (final IOException | RuntimeException e) {
            throw new TencentError("FailedOperation.ImageDecodeFailed", "图片解码失败 (the image does not decode: " + e.getMessage() + ")", e);
        }
    }

    /** Page pageNumber (1-based) of a PDF, rendered at 150 dpi, or less where that would exceed MAX_PIXELS. */
    static Page pdfPage(final byte[] content, final int pageNumber) throws TencentError {
        try (PDDocument document = Loader.loadPDF(content)) {
            final int pages = document.getNumberOfPages();
            if (pageNumber < 1 || pageNumber > pages) {
                throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit", "PdfPageNumber %d is not a page of this %d-page PDF".formatted(pageNumber, pages));
            }
            final PDRectangle box = document.getPage(pageNumber - 1).getCropBox();
            final double points = (double) box.getWidth() * box.getHeight();
            final float dpi = (float) Math.min(PDF_DPI, Math.sqrt(MAX_PIXELS / Math.max(points, 1)) * 72);
            return new Page(bgr(new PDFRenderer(document).renderImageWithDPI(pageNumber - 1, dpi, ImageType.RGB)), pages);
        } catch (final IOException | RuntimeException e) {
            throw new TencentError("FailedOperation.ImageDecodeFailed", "PDF解析失败 (the PDF does not open: " + e.getMessage() + ")", e);
        }
    }

    private static BufferedImage bgr(final BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        final BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D graphics = converted.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        return converted;
    }
}
