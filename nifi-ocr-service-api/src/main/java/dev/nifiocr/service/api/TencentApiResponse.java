package dev.nifiocr.service.api;

import java.util.Objects;

/**
 * What Tencent Cloud answered to one request.
 *
 * @param httpStatus the HTTP status code
 * @param requestId Tencent's RequestId, or null when the body carried none
 * @param errorCode Tencent's Response.Error.Code, or a client code such as HttpStatus.503; null on success
 * @param errorMessage the error message that goes with the error code, or null
 * @param body the response body as received
 * @param durationMillis time from sending the request to reading the whole response
 */
public record TencentApiResponse(int httpStatus, String requestId, String errorCode, String errorMessage, byte[] body,
                                 long durationMillis) {

    public TencentApiResponse {
        Objects.requireNonNull(body, "Body required");
    }

    /** Whether the call succeeded: HTTP 200 without Response.Error. */
    public boolean successful() {
        return errorCode == null;
    }

    @Override
    public String toString() {
        return "TencentApiResponse[httpStatus=" + httpStatus + ", requestId=" + requestId + ", errorCode=" + errorCode
                + ", bodyBytes=" + body.length + ", durationMillis=" + durationMillis + "]";
    }
}
