package dev.nifiocr.document;

/** File names for the pages of a document. */
public final class PageNames {

    private PageNames() {
    }

    /** page 3 of contract.pdf is contract.page-0003.pdf: names sort in page order. */
    public static String filename(final String filename, final int pageNumber, final String extension) {
        final String name = filename == null ? "document" : filename;
        final int dot = name.lastIndexOf('.');
        final String base = dot > 0 ? name.substring(0, dot) : name;
        return "%s.page-%04d.%s".formatted(base, pageNumber, extension);
    }
}
