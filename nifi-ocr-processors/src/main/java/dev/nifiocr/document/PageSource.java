package dev.nifiocr.document;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * An open multi-page document read from a file, so that only the page being written is in memory.
 * Page numbers are 1-based.
 */
public interface PageSource extends Closeable {

    /**
     * Opens a PDF or TIFF.
     *
     * @param file the document; read in place, never loaded whole
     * @param maxPixelsPerPage a TIFF page declaring more pixels is refused before it is decoded
     * @throws DocumentException when the file is no supported document, is encrypted or cannot be parsed, whatever the
     *     parser throws on it ({@link dev.nifiocr.parsing.ParserGuard})
     * @throws IOException when the file itself cannot be read
     */
    static PageSource open(final Path file, final long maxPixelsPerPage) throws IOException, DocumentException {
        final PageSource source = switch (DocumentKind.detect(file)) {
            case PDF -> PdfPages.open(file);
            case TIFF -> TiffPages.open(file, maxPixelsPerPage);
        };
        if (source.pageCount() < 1) {
            source.close();
            throw new DocumentException(DocumentException.CORRUPT_DOCUMENT, "The %s has no page".formatted(source.kind()));
        }
        return source;
    }

    DocumentKind kind();

    int pageCount();

    /**
     * Writes the page alone: a one-page PDF, or a TIFF page as PNG ({@link DocumentKind#page()}).
     *
     * @throws IOException only when writing to {@code out} fails; what the page's content provokes is a DocumentException
     */
    void writePage(int pageNumber, OutputStream out) throws IOException, DocumentException;

    /** The page's text layer, or "" when the format has none or the page has no text. */
    String textLayer(int pageNumber) throws DocumentException;

    @Override
    void close() throws IOException;
}
