package dev.nifiocr.parsing;

import dev.nifiocr.error.ErrorCatalogue;
import org.apache.nifi.processor.exception.FlowFileAccessException;
import org.apache.nifi.processor.exception.FlowFileHandlingException;
import org.apache.nifi.processor.exception.MissingFlowFileException;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Runs parser code on one FlowFile's content and turns whatever that content provokes into a coded failure of that
 * FlowFile, so it goes to failure instead of being rolled back and taken again forever:
 * <ul>
 *     <li>{@link StackOverflowError}: a recursive walk (PDFBox's page tree, nested objects, TIFF directories) met a structure
 *     deeper than the thread's stack; {@link ErrorCatalogue#NESTING_TOO_DEEP}. The walk's frames are gone once it unwinds.</li>
 *     <li>{@link OutOfMemoryError}: a decoder's allocation for this content; its garbage is free once it unwinds.</li>
 *     <li>any other runtime exception or error of the parser (PDFBox, ImageIO and its plugins signal bad data with
 *     assorted ones): the content is corrupt for this parser.</li>
 * </ul>
 * What is not the content's doing passes unchanged, so NiFi rolls the session back and keeps the FlowFile: NiFi's own
 * exceptions ({@link ProcessException}, {@link FlowFileAccessException} when the content repository fails while the parser
 * reads or writes through it, {@link MissingFlowFileException}, {@link FlowFileHandlingException}) and {@link LinkageError}
 * (a broken installation, on which every FlowFile would fail alike).
 * Checked exceptions of the parser code's own kind pass unchanged too.
 *
 * @param subject what the content is, for messages ("document", "image")
 * @param corruptCode the code of content the parser fails on
 * @param outOfMemoryCode the code of content whose parsing ran out of heap
 */
public record ParserGuard(String subject, String corruptCode, String outOfMemoryCode) {

    /** PDFs, TIFFs and OFDs read by SplitDocument and the content checks before a call. */
    public static final ParserGuard DOCUMENT = new ParserGuard("document", ErrorCatalogue.CORRUPT_DOCUMENT, ErrorCatalogue.DOCUMENT_OUT_OF_MEMORY);
    /** Images decoded by CompressImage. */
    public static final ParserGuard IMAGE = new ParserGuard("image", ErrorCatalogue.CORRUPT_IMAGE, ErrorCatalogue.IMAGE_OUT_OF_MEMORY);

    private static final int MAX_REASON_LENGTH = 200;
    /** A qualified class name, or an exception's or error's name. */
    private static final Pattern JAVA = Pattern.compile("\\b(?:java|javax|jdk|sun|com|org)\\.[a-z]|[A-Za-z](?:Exception|Error)\\b");

    /** Parser code on one FlowFile's content. */
    @FunctionalInterface
    public interface Parse<T, E extends Exception> {
        T run() throws E;
    }

    /** Makes the caller's coded exception, e.g. {@code DocumentException::new}. */
    @FunctionalInterface
    public interface Failure<E extends Exception> {
        E of(String code, String message, Throwable cause);
    }

    /**
     * @param what the part being parsed, for the message: "The PDF", "Page 3"
     * @return what the parser returned
     * @throws E the parser's own coded exception, or the failure made for what the content provoked
     */
    public <T, E extends Exception> T parse(final String what, final Parse<T, E> parse, final Failure<E> failure) throws E {
        try {
            return parse.run();
        } catch (final ProcessException | FlowFileAccessException | MissingFlowFileException | FlowFileHandlingException | LinkageError e) {
            throw e;
        } catch (final StackOverflowError e) {
            throw failure.of(ErrorCatalogue.NESTING_TOO_DEEP, "%s nests deeper than the parser's stack allows (a page tree, objects or directories "
                    .formatted(what) + "thousands of levels deep): it goes to failure, never back to the queue", e);
        } catch (final OutOfMemoryError e) {
            throw failure.of(outOfMemoryCode, ("The heap ran out while %s was parsed: it goes to failure, never back to the queue; lower Concurrent "
                    + "Tasks or raise NiFi's heap to read it").formatted(what.substring(0, 1).toLowerCase(Locale.ROOT) + what.substring(1)), e);
        } catch (final RuntimeException | Error e) {
            throw failure.of(corruptCode, "%s could not be parsed: %s".formatted(what, reason(e)), e);
        }
    }

    /**
     * The parser's reason in words, bounded, as a FlowFile's message may show it: the message of an IOException or an
     * illegal argument or state (how parsers say the data is wrong), unless it speaks Java (a class name); otherwise, and
     * for the runtime failures that are the parser's own bugs (NullPointerException, ClassCastException...), only that the
     * parser failed. A parser's message may quote the content, so never much of it.
     */
    public String reason(final Throwable e) {
        final String message = e.getMessage();
        final boolean told = e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
        if (!told || message == null || message.isBlank() || JAVA.matcher(message).find()) {
            return "the %s parser failed on it".formatted(subject);
        }
        return message.length() > MAX_REASON_LENGTH ? message.substring(0, MAX_REASON_LENGTH) + "..." : message;
    }
}
