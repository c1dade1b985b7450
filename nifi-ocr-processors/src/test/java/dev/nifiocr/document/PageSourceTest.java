package dev.nifiocr.document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageSourceTest {

    @TempDir
    Path dir;

    @Test
    void eachPdfPageIsWrittenAloneAsAOnePagePdf() throws Exception {
        try (PageSource source = PageSource.open(file(TestDocuments.pdf(3)), Long.MAX_VALUE)) {
            assertEquals(DocumentKind.PDF, source.kind());
            assertEquals(3, source.pageCount());
            for (int page = 1; page <= 3; page++) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                source.writePage(page, out);
                assertEquals(1, TestDocuments.pdfPageCount(out.toByteArray()));
                assertEquals(TestDocuments.pageText(page), TestDocuments.pdfText(out.toByteArray()));
            }
        }
    }

    @Test
    void textLayerOfOnePage() throws Exception {
        try (PageSource source = PageSource.open(file(TestDocuments.pdf(3, 2)), Long.MAX_VALUE)) {
            assertEquals(TestDocuments.pageText(3), source.textLayer(3).strip());
            assertEquals("", source.textLayer(2).strip());
        }
    }

    @Test
    void pdfWithUserPasswordIsEncrypted() {
        assertRefused(TestDocuments.encryptedPdf("user-secret"), DocumentException.ENCRYPTED_DOCUMENT);
    }

    @Test
    void pdfWithOnlyAnOwnerPasswordIsEncrypted() {
        assertRefused(TestDocuments.encryptedPdf(""), DocumentException.ENCRYPTED_DOCUMENT);
    }

    @Test
    void brokenPdfIsCorrupt() {
        assertRefused("%PDF-1.7\nthis is not a PDF body\n".getBytes(StandardCharsets.US_ASCII), DocumentException.CORRUPT_DOCUMENT);
        final byte[] pdf = TestDocuments.pdf(2);
        assertRefused(Arrays.copyOf(pdf, 40), DocumentException.CORRUPT_DOCUMENT);
    }

    @Test
    void neitherPdfNorTiffIsUnsupported() {
        assertRefused("PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1), DocumentException.UNSUPPORTED_DOCUMENT);
        assertRefused(new byte[0], DocumentException.UNSUPPORTED_DOCUMENT);
    }

    /** Changed on purpose (issue 22): each TIFF page was written as a one-page TIFF; it is a PNG now. */
    @Test
    void eachTiffPageIsWrittenAloneAsAPng() throws Exception {
        try (PageSource source = PageSource.open(file(TestDocuments.tiff(3)), Long.MAX_VALUE)) {
            assertEquals(DocumentKind.TIFF, source.kind());
            assertEquals(3, source.pageCount());
            assertEquals("", source.textLayer(1));
            for (int page = 1; page <= 3; page++) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                source.writePage(page, out);
                assertEquals(100 + page, TestDocuments.pngWidth(out.toByteArray()));
            }
        }
    }

    @Test
    void tiffPageWithTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
        try (PageSource source = PageSource.open(file(TestDocuments.tiff(2)), 101 * 80)) {
            source.writePage(1, new ByteArrayOutputStream());
            final DocumentException e = assertThrows(DocumentException.class, () -> source.writePage(2, new ByteArrayOutputStream()));
            assertEquals(DocumentException.TOO_MANY_PIXELS, e.getErrorCode());
        }
    }

    @Test
    void truncatedTiffIsCorrupt() {
        final byte[] tiff = TestDocuments.tiff(2);
        assertRefused(Arrays.copyOf(tiff, 12), DocumentException.CORRUPT_DOCUMENT);
    }

    private void assertRefused(final byte[] content, final String errorCode) {
        final DocumentException e = assertThrows(DocumentException.class, () -> {
            try (PageSource source = PageSource.open(file(content), Long.MAX_VALUE)) {
                for (int page = 1; page <= source.pageCount(); page++) {
                    source.writePage(page, new ByteArrayOutputStream());
                }
            }
        });
        assertEquals(errorCode, e.getErrorCode(), e.getMessage());
    }

    private Path file(final byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "document", ".bin"), content);
    }
}
