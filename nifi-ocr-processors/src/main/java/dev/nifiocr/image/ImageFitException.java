package dev.nifiocr.image;

import dev.nifiocr.error.ErrorCatalogue;

/** An image that cannot be made to fit, with the error code its FlowFile carries. */
public class ImageFitException extends Exception {

    public static final String UNSUPPORTED_IMAGE = ErrorCatalogue.UNSUPPORTED_IMAGE;
    public static final String CORRUPT_IMAGE = ErrorCatalogue.CORRUPT_IMAGE;
    public static final String TOO_MANY_PIXELS = ErrorCatalogue.IMAGE_TOO_MANY_PIXELS;
    /** Cannot fit the size limit without going below the minimum short side, or cannot be decoded within the memory budget. */
    public static final String CANNOT_FIT = ErrorCatalogue.IMAGE_TOO_LARGE;
    public static final String EMPTY = ErrorCatalogue.EMPTY_CONTENT;
    /** A per-FlowFile setting (Expression Language) evaluated to a value the setting cannot take. */
    public static final String INVALID_PROPERTY = ErrorCatalogue.INVALID_PROPERTY;
    /** The heap ran out while an image within the budget was fitted (other work took the memory): never retried in a loop. */
    public static final String OUT_OF_MEMORY = ErrorCatalogue.IMAGE_OUT_OF_MEMORY;

    private final String errorCode;

    public ImageFitException(final String errorCode, final String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ImageFitException(final String errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String getErrorCode() {
        return errorCode;
    }
}
