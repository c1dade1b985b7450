package dev.nifiocr.image;

/** An image that cannot be made to fit, with the error code its FlowFile carries. */
public class ImageFitException extends Exception {

    public static final String UNSUPPORTED_IMAGE = "Client.UnsupportedImage";
    public static final String CORRUPT_IMAGE = "Client.CorruptImage";
    public static final String TOO_MANY_PIXELS = "Client.ImageTooManyPixels";
    /** Cannot fit the size limit without going below the minimum short side, or cannot be decoded within the memory budget. */
    public static final String CANNOT_FIT = "Client.ImageTooLarge";
    public static final String EMPTY = "Client.EmptyContent";
    /** The heap ran out while an image within the budget was fitted (other work took the memory): never retried in a loop. */
    /** A per-FlowFile setting (Expression Language) evaluated to a value the setting cannot take. */
    public static final String INVALID_PROPERTY = "Client.InvalidProperty";
    public static final String OUT_OF_MEMORY = "Client.ImageOutOfMemory";

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
