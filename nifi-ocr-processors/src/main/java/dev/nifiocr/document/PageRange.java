package dev.nifiocr.document;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages a user asked for, as in a print dialog: {@code 1-3,7,10-} (1-based, inclusive; an open end means "to the
 * last page"). Blank means every page. Pages past the end of a document are left out; a range that leaves no page is refused.
 */
public final class PageRange {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(?:\\s*(-)\\s*(\\d{1,9})?)?");

    private final List<int[]> parts;
    private final String text;

    private PageRange(final List<int[]> parts, final String text) {
        this.parts = parts;
        this.text = text;
    }

    /** Every page. */
    public static PageRange all() {
        return new PageRange(List.of(), "");
    }

    /**
     * @param text comma-separated pages and ranges, e.g. {@code 1-3,7}; null or blank for every page
     * @throws DocumentException {@link DocumentException#INVALID_PAGE_RANGE} when the text is not such a list
     */
    public static PageRange parse(final String text) throws DocumentException {
        if (text == null || text.isBlank()) {
            return all();
        }
        final List<int[]> parts = new ArrayList<>();
        for (final String part : text.split(",", -1)) {
            final Matcher matcher = PART.matcher(part.strip());
            if (!matcher.matches()) {
                throw invalid(text, "[%s] is not a page or a range such as 1-3".formatted(part.strip()));
            }
            final int first = Integer.parseInt(matcher.group(1));
            final int last = matcher.group(2) == null ? first
                    : matcher.group(3) == null ? Integer.MAX_VALUE : Integer.parseInt(matcher.group(3));
            if (first < 1) {
                throw invalid(text, "pages are numbered from 1");
            }
            if (last < first) {
                throw invalid(text, "[%s] ends before it starts".formatted(part.strip()));
            }
            parts.add(new int[] {first, last});
        }
        return new PageRange(List.copyOf(parts), text.strip());
    }

    /**
     * The selected pages of a document of {@code pageCount} pages, ascending, each once.
     *
     * @throws DocumentException {@link DocumentException#INVALID_PAGE_RANGE} when no selected page exists in the document
     */
    public List<Integer> select(final int pageCount) throws DocumentException {
        final TreeSet<Integer> pages = new TreeSet<>();
        if (parts.isEmpty()) {
            for (int page = 1; page <= pageCount; page++) {
                pages.add(page);
            }
        }
        for (final int[] part : parts) {
            for (int page = part[0]; page <= Math.min(part[1], pageCount); page++) {
                pages.add(page);
            }
        }
        if (pages.isEmpty()) {
            throw new DocumentException(DocumentException.INVALID_PAGE_RANGE,
                    "Page range [%s] selects no page of a document of %d page(s)".formatted(text, pageCount));
        }
        return List.copyOf(pages);
    }

    private static DocumentException invalid(final String text, final String reason) {
        return new DocumentException(DocumentException.INVALID_PAGE_RANGE, "Page range [%s] is invalid: %s".formatted(text, reason));
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "all pages" : text;
    }
}
