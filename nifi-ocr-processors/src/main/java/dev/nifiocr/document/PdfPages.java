package dev.nifiocr.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.multipdf.Splitter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** A PDF read with PDFBox from its file, with a temporary-file scratch buffer instead of heap for whatever it creates. */
final class PdfPages implements PageSource {

    private static final int MAX_REASON_LENGTH = 200;

    private final PDDocument document;

    private PdfPages(final PDDocument document) {
        this.document = document;
    }

    static PdfPages open(final Path file) throws DocumentException {
        final PDDocument document;
        try {
            document = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache());
        } catch (final InvalidPasswordException e) {
            throw new DocumentException(DocumentException.ENCRYPTED_DOCUMENT, "The PDF is protected by a password", e);
        } catch (final IOException e) {
            throw corrupt("The PDF could not be parsed", e);
        }
        if (document.isEncrypted()) {
            // Opens without a password but carries an owner password: its author restricted what may be done with it.
            closeQuietly(document);
            throw new DocumentException(DocumentException.ENCRYPTED_DOCUMENT, "The PDF is encrypted (owner password); decrypt it before splitting");
        }
        return new PdfPages(document);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.PDF;
    }

    @Override
    public int pageCount() {
        return document.getNumberOfPages();
    }

    @Override
    public void writePage(final int pageNumber, final OutputStream out) throws DocumentException {
        final Splitter splitter = new Splitter();
        splitter.setStreamCacheCreateFunction(IOUtils.createTempFileOnlyStreamCache());
        splitter.setStartPage(pageNumber);
        splitter.setEndPage(pageNumber);
        List<PDDocument> pages = List.of();
        try {
            pages = splitter.split(document);
            pages.getFirst().save(out);
        } catch (final IOException | RuntimeException e) {
            throw corrupt("Page %d could not be copied".formatted(pageNumber), e);
        } finally {
            pages.forEach(PdfPages::closeQuietly);
        }
    }

    @Override
    public String textLayer(final int pageNumber) throws DocumentException {
        try {
            final PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(pageNumber);
            stripper.setEndPage(pageNumber);
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        } catch (final IOException | RuntimeException e) {
            throw corrupt("The text of page %d could not be read".formatted(pageNumber), e);
        }
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private static DocumentException corrupt(final String what, final Exception e) {
        final String reason = String.valueOf(e.getMessage());
        return new DocumentException(DocumentException.CORRUPT_DOCUMENT,
                what + ": " + (reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason), e);
    }

    private static void closeQuietly(final PDDocument document) {
        try {
            document.close();
        } catch (final IOException ignored) {
            // nothing was written; the scratch file goes with the document
        }
    }
}
