package dev.nifiocr.parsing;

import dev.nifiocr.document.DocumentException;
import dev.nifiocr.error.ErrorCatalogue;
import org.apache.nifi.processor.exception.FlowFileAccessException;
import org.apache.nifi.processor.exception.ProcessException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParserGuardTest {

    private static final ParserGuard GUARD = ParserGuard.DOCUMENT;

    @Test
    void returnsWhatTheParserReturns() throws DocumentException {
        assertEquals(3, GUARD.parse("The PDF", () -> 3, DocumentException::new));
    }

    @Test
    void aDeepWalkThatOverflowsTheStackIsNestingTooDeep() {
        final DocumentException e = assertThrows(DocumentException.class, () -> GUARD.parse("The PDF", () -> depth(0), DocumentException::new));
        assertEquals(ErrorCatalogue.NESTING_TOO_DEEP, e.getErrorCode());
        assertTrue(e.getMessage().startsWith("The PDF nests deeper than the parser's stack allows"), e.getMessage());
        assertTrue(e.getCause() instanceof StackOverflowError);
    }

    @Test
    void aDecoderThatRunsTheHeapOutIsTheGuardsOutOfMemoryCode() {
        final DocumentException document = assertThrows(DocumentException.class, () -> GUARD.parse("Page 3", () -> {
            throw new OutOfMemoryError("Java heap space");
        }, DocumentException::new));
        assertEquals(ErrorCatalogue.DOCUMENT_OUT_OF_MEMORY, document.getErrorCode());
        assertTrue(document.getMessage().startsWith("The heap ran out while page 3 was parsed"), document.getMessage());
        final DocumentException image = assertThrows(DocumentException.class, () -> ParserGuard.IMAGE.parse("The image", () -> {
            throw new OutOfMemoryError("Java heap space");
        }, DocumentException::new));
        assertEquals(ErrorCatalogue.IMAGE_OUT_OF_MEMORY, image.getErrorCode());
    }

    @Test
    void anyOtherRuntimeFailureOfTheParserIsCorruptContentInWords() {
        for (final Throwable thrown : new Throwable[] {new NullPointerException(), new ArrayIndexOutOfBoundsException(7), new ClassCastException("x"),
                new IllegalStateException("Possible recursion found"), new InternalError("LCMS error 13"), new AssertionError("assert")}) {
            final DocumentException e = assertThrows(DocumentException.class, () -> GUARD.parse("The TIFF", () -> {
                throw sneaky(thrown);
            }, DocumentException::new));
            assertEquals(ErrorCatalogue.CORRUPT_DOCUMENT, e.getErrorCode(), thrown.toString());
            assertTrue(e.getMessage().startsWith("The TIFF could not be parsed: "), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
            assertSame(thrown, e.getCause());
        }
    }

    /** Found by CompressImageFuzzTest and SplitTiffFuzzTest (their crash-* inputs): TwelveMonkeys' ClassCastException in words. */
    @Test
    void reasonsSayWhatTheParserToldButNeverInJava() {
        assertEquals("Possible recursion found when searching for page 2",
                GUARD.reason(new IllegalStateException("Possible recursion found when searching for page 2")));
        assertEquals("Unexpected end of stream", GUARD.reason(new java.io.IOException("Unexpected end of stream")));
        assertEquals("the document parser failed on it", GUARD.reason(new ClassCastException(
                "class java.io.EOFException cannot be cast to class java.lang.Number")));
        assertEquals("the document parser failed on it", GUARD.reason(new IllegalArgumentException("java.lang.NumberFormatException: x")));
        assertEquals("the image parser failed on it", ParserGuard.IMAGE.reason(new NullPointerException("Cannot invoke \"Object.equals(Object)\"")));
        assertEquals("the document parser failed on it", GUARD.reason(new java.io.EOFException()));
    }

    @Test
    void longReasonsAreCutSoLittleOfTheContentIsQuoted() {
        final DocumentException e = assertThrows(DocumentException.class, () -> GUARD.parse("The PDF", () -> {
            throw new IllegalArgumentException("x".repeat(5000));
        }, DocumentException::new));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    /** The content repository failing while a parser reads or writes through it is NiFi's fault, not the content's: rolled back. */
    @Test
    void contentRepositoryFailuresAndBrokenInstallationsPassUnchanged() {
        final FlowFileAccessException access = new FlowFileAccessException("disk full");
        assertSame(access, assertThrows(FlowFileAccessException.class, () -> GUARD.parse("Page 1", () -> {
            throw access;
        }, DocumentException::new)));
        final ProcessException process = new ProcessException("session");
        assertSame(process, assertThrows(ProcessException.class, () -> GUARD.parse("Page 1", () -> {
            throw process;
        }, DocumentException::new)));
        final NoClassDefFoundError linkage = new NoClassDefFoundError("org/apache/pdfbox/Loader");
        assertSame(linkage, assertThrows(NoClassDefFoundError.class, () -> GUARD.parse("Page 1", () -> {
            throw linkage;
        }, DocumentException::new)));
    }

    @Test
    void theParsersOwnCodedExceptionPassesUnchanged() {
        final DocumentException own = new DocumentException(ErrorCatalogue.TOO_MANY_PAGES, "too many");
        assertSame(own, assertThrows(DocumentException.class, () -> GUARD.parse("The PDF", () -> {
            throw own;
        }, DocumentException::new)));
    }

    private static int depth(final int level) {
        return level == Integer.MAX_VALUE ? level : depth(level + 1) + 1;
    }

    private static RuntimeException sneaky(final Throwable thrown) {
        if (thrown instanceof Error error) {
            throw error;
        }
        return (RuntimeException) thrown;
    }
}
