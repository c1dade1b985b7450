package dev.nifiocr.document;

import dev.nifiocr.image.MemoryBudget;
import dev.nifiocr.parsing.ParserGuard;
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

/**
 * A PDF read with PDFBox from its file, with a temporary-file scratch buffer instead of heap for whatever it creates.
 * PDFBox parses lazily, so every call that reaches into the document runs under the {@link ParserGuard}; a page's content,
 * which PDFBox holds decoded in the heap to copy or read it, is measured first ({@link PageContent}).
 */
final class PdfPages implements PageSource {

    private static final ParserGuard GUARD = ParserGuard.DOCUMENT;

    private final PDDocument document;
    private final int pageCount;

    private PdfPages(final PDDocument document) {
        this.document = document;
        this.pageCount = document.getNumberOfPages();
    }

    static PdfPages open(final Path file) throws DocumentException {
        return GUARD.parse("The PDF", () -> load(file), DocumentException::new);
    }

    private static PdfPages load(final Path file) throws DocumentException {
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
        try {
            return new PdfPages(document);
        } catch (final RuntimeException | Error e) {
            closeQuietly(document);
            throw e;
        }
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.PDF;
    }

    @Override
    public int pageCount() {
        return pageCount;
    }

    @Override
    public void writePage(final int pageNumber, final OutputStream out) throws DocumentException {
        GUARD.parse("Page %d".formatted(pageNumber), () -> copyPage(pageNumber, out), DocumentException::new);
    }

    private Void copyPage(final int pageNumber, final OutputStream out) throws DocumentException {
        final Splitter splitter = new Splitter();
        splitter.setStreamCacheCreateFunction(IOUtils.createTempFileOnlyStreamCache());
        splitter.setStartPage(pageNumber);
        splitter.setEndPage(pageNumber);
        List<PDDocument> pages = List.of();
        try {
            PageContent.requireWithin(document.getPage(pageNumber - 1), pageNumber, MemoryBudget.defaultBudget(1));
            pages = splitter.split(document);
            pages.getFirst().save(out);
        } catch (final IOException e) {
            throw corrupt("Page %d could not be copied".formatted(pageNumber), e);
        } finally {
            pages.forEach(PdfPages::closeQuietly);
        }
        return null;
    }

    @Override
    public String textLayer(final int pageNumber) throws DocumentException {
        return GUARD.parse("The text of page %d".formatted(pageNumber), () -> text(pageNumber), DocumentException::new);
    }

    private String text(final int pageNumber) throws DocumentException {
        try {
            PageContent.requireWithin(document.getPage(pageNumber - 1), pageNumber, MemoryBudget.defaultBudget(1));
            final PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(pageNumber);
            stripper.setEndPage(pageNumber);
            stripper.setSortByPosition(true);
            return stripper.getText(document);
        } catch (final IOException e) {
            throw corrupt("The text of page %d could not be read".formatted(pageNumber), e);
        }
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private static DocumentException corrupt(final String what, final IOException e) {
        return new DocumentException(DocumentException.CORRUPT_DOCUMENT, what + ": " + ParserGuard.DOCUMENT.reason(e), e);
    }

    private static void closeQuietly(final PDDocument document) {
        try {
            document.close();
        } catch (final IOException ignored) {
            // nothing was written; the scratch file goes with the document
        }
    }
}
