package dev.nifiocr.document;

import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A multi-page TIFF read with TwelveMonkeys straight from its file: one page is decoded at a time, after its declared
 * size has been checked, and written again as a one-page TIFF (CCITT G4 for black and white, LZW otherwise: lossless).
 */
final class TiffPages implements PageSource {

    private final ImageInputStream input;
    private final ImageReader reader;
    private final int pageCount;
    private final long maxPixelsPerPage;

    private TiffPages(final ImageInputStream input, final ImageReader reader, final int pageCount, final long maxPixelsPerPage) {
        this.input = input;
        this.reader = reader;
        this.pageCount = pageCount;
        this.maxPixelsPerPage = maxPixelsPerPage;
    }

    static TiffPages open(final Path file, final long maxPixelsPerPage) throws IOException, DocumentException {
        final ImageInputStream input = ImageIO.createImageInputStream(file.toFile());
        try {
            ImageReaderSpi spi = new TIFFImageReaderSpi();
            if (!spi.canDecodeInput(input)) {
                spi = new BigTIFFImageReaderSpi();
            }
            final ImageReader reader = spi.createReaderInstance();
            reader.setInput(input, false, true);
            return new TiffPages(input, reader, reader.getNumImages(true), maxPixelsPerPage);
        } catch (final IOException | RuntimeException e) {
            input.close();
            throw new DocumentException(DocumentException.CORRUPT_DOCUMENT, "The TIFF could not be parsed: " + e.getMessage(), e);
        }
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.TIFF;
    }

    @Override
    public int pageCount() {
        return pageCount;
    }

    @Override
    public void writePage(final int pageNumber, final OutputStream out) throws IOException, DocumentException {
        final BufferedImage page;
        try {
            final long pixels = (long) reader.getWidth(pageNumber - 1) * reader.getHeight(pageNumber - 1);
            if (pixels > maxPixelsPerPage) {
                throw new DocumentException(DocumentException.TOO_MANY_PIXELS,
                        "Page %d declares %d pixels, more than the %d allowed".formatted(pageNumber, pixels, maxPixelsPerPage));
            }
            page = reader.read(pageNumber - 1);
        } catch (final IOException | RuntimeException e) {
            throw new DocumentException(DocumentException.CORRUPT_DOCUMENT,
                    "Page %d could not be decoded: %s".formatted(pageNumber, e.getMessage()), e);
        }
        final ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        // closing an ImageOutputStream flushes it but leaves the FlowFile's stream open
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            final String compression = page.getColorModel().getPixelSize() == 1 ? "CCITT T.6" : "LZW";
            if (param.canWriteCompressed() && Arrays.asList(param.getCompressionTypes()).contains(compression)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(page, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    @Override
    public String textLayer(final int pageNumber) {
        return "";
    }

    @Override
    public void close() throws IOException {
        reader.dispose();
        input.close();
    }
}
