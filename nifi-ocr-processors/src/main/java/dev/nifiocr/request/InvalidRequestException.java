package dev.nifiocr.request;

/** A request refused before any call, with the error code the FlowFile carries to failure. */
public class InvalidRequestException extends Exception {

    private final String errorCode;

    public InvalidRequestException(final String errorCode, final String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public InvalidRequestException(final String errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String getErrorCode() {
        return errorCode;
    }
}
