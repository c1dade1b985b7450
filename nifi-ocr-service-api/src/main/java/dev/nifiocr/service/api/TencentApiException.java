package dev.nifiocr.service.api;

/**
 * A call that produced no answer from Tencent Cloud: timeout, connection failure, unreadable response.
 * The error code names the kind (see the constants), the message never holds credentials or request content.
 */
public class TencentApiException extends Exception {

    /** Connecting, reading or writing took longer than the configured timeout. */
    public static final String TIMEOUT = "Client.Timeout";
    /** The connection could not be made or was reset. */
    public static final String NETWORK_ERROR = "Client.NetworkError";
    /** The response was not the JSON envelope of API 3.0, or was cut short. */
    public static final String MALFORMED_RESPONSE = "Client.MalformedResponse";
    /** The calling thread was interrupted, typically because the processor was stopped. */
    public static final String INTERRUPTED = "Client.Interrupted";
    /** No valid credentials: the configured source (instance role, STS, web identity, ...) could not supply any. */
    public static final String CREDENTIALS_UNAVAILABLE = "Client.CredentialsUnavailable";

    private final String errorCode;

    public TencentApiException(final String errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String getErrorCode() {
        return errorCode;
    }
}
