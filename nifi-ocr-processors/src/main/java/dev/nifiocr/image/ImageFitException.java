package dev.nifiocr.image;

/** An image that cannot be made to fit, with the error code its FlowFile carries. */
public class ImageFitException extends Exception {

    public static final String UNSUPPORTED_IMAGE = "Client.UnsupportedImage";
    public static final String CORRUPT_IMAGE = "Client.CorruptImage";
    public static final String TOO_MANY_PIXELS = "Client.ImageTooManyPixels";
    public static final String CANNOT_FIT = "Client.ImageTooLarge";
    public static final String EMPTY = "Client.EmptyContent";

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
