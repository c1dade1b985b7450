package dev.nifiocr.document;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRangeTest {

    @Test
    void pagesAndRangesAscendingOnce() throws DocumentException {
        assertEquals(List.of(1, 2, 3, 7), PageRange.parse("1-3,7").select(10));
        assertEquals(List.of(1, 3, 4), PageRange.parse(" 4 , 3,1, 3 - 4 ").select(10));
    }

    @Test
    void openEndMeansToTheLastPage() throws DocumentException {
        assertEquals(List.of(2, 3, 4), PageRange.parse("2-").select(4));
    }

    @Test
    void blankMeansEveryPage() throws DocumentException {
        assertEquals(List.of(1, 2, 3), PageRange.parse("").select(3));
        assertEquals(List.of(1, 2, 3), PageRange.parse(null).select(3));
        assertEquals(List.of(1), PageRange.all().select(1));
    }

    @Test
    void pagesPastTheEndAreLeftOut() throws DocumentException {
        assertEquals(List.of(2, 3), PageRange.parse("2-9,40").select(3));
    }

    @Test
    void rangeSelectingNoPageOfTheDocumentIsRefused() throws DocumentException {
        final PageRange range = PageRange.parse("5-9");
        final DocumentException e = assertThrows(DocumentException.class, () -> range.select(3));
        assertEquals(DocumentException.INVALID_PAGE_RANGE, e.getErrorCode());
        assertEquals("Page range [5-9] selects no page of a document of 3 page(s)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "3-1", "1-3,", ",2", "1--3", "-3", "1;2", "99999999999", "1.5"})
    void notAListOfPagesIsRefused(final String text) {
        final DocumentException e = assertThrows(DocumentException.class, () -> PageRange.parse(text));
        assertEquals(DocumentException.INVALID_PAGE_RANGE, e.getErrorCode());
    }
}
