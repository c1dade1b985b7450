package dev.nifiocr.service.api;

/**
 * A call that produced no answer from Tencent Cloud: timeout, connection failure, unreadable response.
 * The error code names the kind (see the constants), the message never holds credentials or request content.
 */
public class TencentApiException extends Exception {

    /** Connecting, reading or writing took longer than the configured timeout, or the whole call exceeded the Call Timeout. */
    public static final String TIMEOUT = "Client.Timeout";
    /** The connection could not be made or was reset. */
    public static final String NETWORK_ERROR = "Client.NetworkError";
    /** The response was not the JSON envelope of API 3.0, or was cut short. */
    public static final String MALFORMED_RESPONSE = "Client.MalformedResponse";
    /** The calling thread was interrupted, typically because the processor was stopped. */
    public static final String INTERRUPTED = "Client.Interrupted";
    /** The answer, decoded, is larger than the client service's Maximum Answer Size; it was not read whole. */
    public static final String ANSWER_TOO_LARGE = "Client.AnswerTooLarge";
    /** A result file's URL that may not be fetched: plain http to a host that is not loopback, or not http(s) at all. */
    public static final String DOWNLOAD_REFUSED = "Client.DownloadRefused";
    /** A result file's link answered an HTTP error, such as an expired link: asking for the job again gives a fresh one. */
    public static final String DOWNLOAD_FAILED = "Client.DownloadFailed";
    /** No usable credentials: the configured source (profile, instance role, STS, web identity, ...) supplied none, or none usable in a request. */
    public static final String CREDENTIALS_UNAVAILABLE = "Client.CredentialsUnavailable";

    private final String errorCode;
    private final boolean requestSent;

    public TencentApiException(final String errorCode, final String message, final Throwable cause) {
        this(errorCode, message, cause, false);
    }

    /**
     * @param requestSent whether the request reached the wire (its bytes started to go out), so Tencent may have
     *                    received, processed and billed it
     */
    public TencentApiException(final String errorCode, final String message, final Throwable cause, final boolean requestSent) {
        super(message, cause);
        this.errorCode = errorCode;
        this.requestSent = requestSent;
    }

    public String getErrorCode() {
        return errorCode;
    }

    /** Whether the request reached the wire before the call failed: such a call is reported to provenance as a SEND. */
    public boolean isRequestSent() {
        return requestSent;
    }
}
