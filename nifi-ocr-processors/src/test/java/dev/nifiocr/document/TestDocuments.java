package dev.nifiocr.document;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Documents made in the test with PDFBox and TwelveMonkeys, so every expectation is known. */
public final class TestDocuments {

    private TestDocuments() {
    }

    /** A PDF whose pages say "Page n of the test document ..." in their text layer, except the pages listed as scans. */
    public static byte[] pdf(final int pages, final int... pagesWithoutText) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int number = 1; number <= pages; number++) {
                final PDPage page = new PDPage();
                document.addPage(page);
                if (contains(pagesWithoutText, number)) {
                    continue;
                }
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(pageText(number));
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pageText(final int number) {
        return "Page " + number + " of the test document, born digital";
    }

    /** A PDF protected by a user password (and, when userPassword is empty, only by an owner password). */
    public static byte[] encryptedPdf(final String userPassword) {
        try (PDDocument document = Loader.loadPDF(pdf(2)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            final StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(out);
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multi-page TIFF whose page n is 100 + n pixels wide, so each page is recognisable. */
    public static byte[] tiff(final int pages) {
        final List<BufferedImage> images = new ArrayList<>();
        for (int number = 1; number <= pages; number++) {
            final BufferedImage image = new BufferedImage(100 + number, 80, BufferedImage.TYPE_INT_RGB);
            final Graphics2D graphics = image.createGraphics();
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.dispose();
            images.add(image);
        }
        return tiff(images, null);
    }

    /** A TIFF of these pages, written by TwelveMonkeys in that compression ("LZW", "CCITT T.6"...), or its default for null. */
    public static byte[] tiff(final List<BufferedImage> pages, final String compression) {
        final ImageWriter writer;
        try {
            writer = new TIFFImageWriterSpi().createWriterInstance();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            writer.prepareWriteSequence(null);
            for (final BufferedImage page : pages) {
                final ImageWriteParam param = writer.getDefaultWriteParam();
                if (compression != null) {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType(compression);
                }
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static int pdfPageCount(final byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    public static String pdfText(final byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).strip();
        }
    }

    /** The width of a PNG, which it must be (by its signature). */
    public static int pngWidth(final byte[] png) throws IOException {
        if (png.length < 8 || png[0] != (byte) 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
            throw new AssertionError("not a PNG");
        }
        return ImageIO.read(new ByteArrayInputStream(png)).getWidth();
    }

    private static boolean contains(final int[] values, final int value) {
        for (final int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
