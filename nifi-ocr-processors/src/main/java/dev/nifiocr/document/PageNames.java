package dev.nifiocr.document;

import java.util.Map;

/** File names for the pages of a document. */
public final class PageNames {

    private PageNames() {
    }

    /** page 3 of contract.pdf is contract.page-0003.pdf: names sort in page order. */
    public static String filename(final String filename, final int pageNumber, final ContentName page) {
        return "%s.page-%04d.%s".formatted(ContentName.base(filename), pageNumber, page.extension());
    }

    /** {@code filename} and {@code mime.type} of one page written as {@code page}. */
    public static Map<String, String> attributes(final String filename, final int pageNumber, final ContentName page) {
        return Map.of("filename", filename(filename, pageNumber, page), "mime.type", page.mimeType());
    }
}
