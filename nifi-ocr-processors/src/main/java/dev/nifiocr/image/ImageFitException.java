package dev.nifiocr.image;

import dev.nifiocr.error.ErrorCatalogue;

/** An image that cannot be made to fit, with the error code its FlowFile carries. */
public class ImageFitException extends Exception {

    public static final String UNSUPPORTED_IMAGE = ErrorCatalogue.UNSUPPORTED_IMAGE;
    public static final String CORRUPT_IMAGE = ErrorCatalogue.CORRUPT_IMAGE;
    public static final String TOO_MANY_PIXELS = ErrorCatalogue.IMAGE_TOO_MANY_PIXELS;
    public static final String CANNOT_FIT = ErrorCatalogue.IMAGE_TOO_LARGE;
    public static final String EMPTY = ErrorCatalogue.EMPTY_CONTENT;

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
