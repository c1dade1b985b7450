package dev.nifiocr.document;

import dev.nifiocr.error.ErrorCatalogue;

/** A document that cannot be split as asked; the code names the reason, the message explains it without quoting content. */
public class DocumentException extends Exception {

    /** The content is neither a PDF nor a TIFF. */
    public static final String UNSUPPORTED_DOCUMENT = ErrorCatalogue.UNSUPPORTED_DOCUMENT;
    /** The PDF is password-protected or otherwise encrypted. */
    public static final String ENCRYPTED_DOCUMENT = ErrorCatalogue.ENCRYPTED_DOCUMENT;
    /** The PDF or TIFF could not be parsed. */
    public static final String CORRUPT_DOCUMENT = ErrorCatalogue.CORRUPT_DOCUMENT;
    /** The document has more pages than the processor is allowed to split. */
    public static final String TOO_MANY_PAGES = ErrorCatalogue.TOO_MANY_PAGES;
    /** A TIFF page declares more pixels than allowed. */
    public static final String TOO_MANY_PIXELS = ErrorCatalogue.PAGE_TOO_MANY_PIXELS;
    /** A PDF page's content inflates beyond what the heap may hold for it. */
    public static final String PAGE_TOO_LARGE = ErrorCatalogue.PAGE_TOO_LARGE;
    /** The page range is not a list of pages, or selects no page of this document. */
    public static final String INVALID_PAGE_RANGE = ErrorCatalogue.INVALID_PAGE_RANGE;

    private final String errorCode;

    public DocumentException(final String errorCode, final String message) {
        this(errorCode, message, null);
    }

    public DocumentException(final String errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String getErrorCode() {
        return errorCode;
    }
}
