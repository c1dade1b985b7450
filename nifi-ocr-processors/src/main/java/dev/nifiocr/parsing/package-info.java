/**
 * Third-party parsers (PDFBox, ImageIO and TwelveMonkeys, java.util.zip) run on content that anyone may have written.
 * <p>
 * {@link dev.nifiocr.parsing.ParserGuard} is the one place that runs them on one FlowFile's content: whatever that content
 * provokes, a StackOverflowError of a recursive walk, an OutOfMemoryError of a decoder or any runtime exception, becomes
 * a failure of that FlowFile with an error code, never an exception that rolls the session back and takes the same
 * FlowFile again in a loop.
 */
package dev.nifiocr.parsing;
