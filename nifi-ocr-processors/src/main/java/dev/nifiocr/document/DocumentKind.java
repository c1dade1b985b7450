package dev.nifiocr.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The multi-page formats SplitDocument reads, recognised by their magic bytes, never by file name, and the format of one
 * page written from each: a PDF page stays a one-page PDF; a TIFF page becomes a PNG, lossless and one of the formats
 * Tencent's image Actions read (TIFF is none of them).
 */
public enum DocumentKind {
    PDF(ContentName.PDF),
    TIFF(ContentName.PNG);

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    // Classic TIFF and BigTIFF, little and big endian
    private static final byte[][] TIFF_MAGIC = {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}};
    // PDF allows junk before the header; readers look in the first KiB
    private static final int PDF_HEADER_WINDOW = 1024;

    private final ContentName page;

    DocumentKind(final ContentName page) {
        this.page = page;
    }

    /** What one page is as written: its MIME type and file name extension. */
    public ContentName page() {
        return page;
    }

    /** Whether the content starts as a TIFF (classic or BigTIFF, either byte order) does. */
    public static boolean isTiff(final byte[] head) {
        for (final byte[] magic : TIFF_MAGIC) {
            if (head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
                return true;
            }
        }
        return false;
    }

    /** @throws DocumentException {@link DocumentException#UNSUPPORTED_DOCUMENT} when the file is neither */
    public static DocumentKind detect(final Path file) throws IOException, DocumentException {
        final byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PDF_HEADER_WINDOW);
        }
        if (isTiff(head)) {
            return TIFF;
        }
        for (int i = 0; i + PDF_MAGIC.length <= head.length; i++) {
            if (Arrays.equals(head, i, i + PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
                return PDF;
            }
        }
        throw new DocumentException(DocumentException.UNSUPPORTED_DOCUMENT,
                head.length == 0 ? "The content is empty" : "The content is neither a PDF nor a TIFF");
    }
}
