package dev.nifiocr.document;

import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import dev.nifiocr.image.MemoryBudget;
import dev.nifiocr.parsing.ParserGuard;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A multi-page TIFF read with TwelveMonkeys straight from its file: one page is decoded at a time, after its declared
 * size has been checked against Maximum TIFF Page Pixels and the heap, and written as a PNG ({@link PngPage}).
 */
final class TiffPages implements PageSource {

    private static final ParserGuard GUARD = ParserGuard.DOCUMENT;

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

    /** @throws IOException when the file cannot be opened; what its content provokes is a DocumentException */
    static TiffPages open(final Path file, final long maxPixelsPerPage) throws IOException, DocumentException {
        final ImageInputStream input = ImageIO.createImageInputStream(file.toFile());
        try {
            return GUARD.parse("The TIFF", () -> read(input, maxPixelsPerPage), DocumentException::new);
        } catch (final DocumentException | RuntimeException | Error e) {
            input.close();
            throw e;
        }
    }

    private static TiffPages read(final ImageInputStream input, final long maxPixelsPerPage) throws DocumentException {
        try {
            ImageReaderSpi spi = new TIFFImageReaderSpi();
            if (!spi.canDecodeInput(input)) {
                spi = new BigTIFFImageReaderSpi();
            }
            final ImageReader reader = spi.createReaderInstance();
            reader.setInput(input, false, true);
            return new TiffPages(input, reader, reader.getNumImages(true), maxPixelsPerPage);
        } catch (final IOException e) {
            throw new DocumentException(DocumentException.CORRUPT_DOCUMENT, "The TIFF could not be parsed: " + GUARD.reason(e), e);
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
        final BufferedImage page = GUARD.parse("Page %d".formatted(pageNumber), () -> decode(pageNumber), DocumentException::new);
        // encoding decoded pixels is no parsing: a failure here is the output's (the content repository's)
        PngPage.write(page, out);
    }

    private BufferedImage decode(final int pageNumber) throws DocumentException {
        try {
            final int index = pageNumber - 1;
            final int width = reader.getWidth(index);
            final int height = reader.getHeight(index);
            final long pixels = (long) width * height;
            if (pixels > maxPixelsPerPage) {
                throw new DocumentException(DocumentException.TOO_MANY_PIXELS,
                        "Page %d declares %d pixels, more than the %d allowed".formatted(pageNumber, pixels, maxPixelsPerPage));
            }
            final ImageTypeSpecifier type = reader.getImageTypes(index).next();
            final long bytes = PngPage.bytesToDecode(type, width, height);
            final long budget = MemoryBudget.defaultBudget(1);
            if (bytes > budget) {
                throw new DocumentException(DocumentException.TOO_MANY_PIXELS, ("Page %d is %d x %d at %d bits a pixel: decoding it takes %,d bytes, more "
                        + "than half of NiFi's heap (%,d bytes); refused before decoding").formatted(pageNumber, width, height,
                        type.getColorModel().getPixelSize(), bytes, budget));
            }
            return reader.read(index);
        } catch (final IOException e) {
            throw new DocumentException(DocumentException.CORRUPT_DOCUMENT, "Page %d could not be decoded: %s".formatted(pageNumber, GUARD.reason(e)), e);
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
