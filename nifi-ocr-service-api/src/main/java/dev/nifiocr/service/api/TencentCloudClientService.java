package dev.nifiocr.service.api;

import org.apache.nifi.controller.ControllerService;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Signs and sends Tencent Cloud API 3.0 requests with one set of credentials, one region and one HTTP connection pool,
 * under the account's rate limits and daily budgets, shared by every processor that references the service (on a
 * cluster each node takes its share of the account's limits).
 */
public interface TencentCloudClientService extends ControllerService {

    /**
     * Takes one request permit for an Action: the Action's own limit where the service has one, else the shared one.
     * Call it before taking a FlowFile, so no FlowFile waits in memory for a permit.
     *
     * @param action the Action about to be called, or null when it is not known before taking the FlowFile
     * @param maxWait longest time to wait
     * @return true when a request may be sent now; false when none was available in time (the caller should yield)
     */
    boolean acquirePermit(String action, Duration maxWait);

    /**
     * Takes one billable call from the account's daily budgets that apply to the Action. Call it before taking a FlowFile;
     * when it answers false the caller yields and leaves its FlowFiles queued (the service has said which budget is spent
     * and when it resets). Give the call back with {@link #releaseBillableCall} when nothing billable was sent.
     *
     * @param action the Action about to be called, or null when it is not known before taking the FlowFile
     * @return true when a billable call may be sent; always true for a service without budgets
     */
    boolean reserveBillableCall(String action);

    /**
     * Gives back a call taken with {@link #reserveBillableCall} for the same Action: no FlowFile was there, the answer came
     * from a cache, or Tencent does not bill the answer.
     */
    void releaseBillableCall(String action);

    /**
     * Signs the request with TC3-HMAC-SHA256 and sends it. An HTTP answer, also an error answer, comes back as a
     * response; only a call that got no usable answer throws.
     *
     * @param request the Action and the exact JSON payload
     * @return the response with Tencent's request id and error code, if any
     * @throws TencentApiException when no usable answer arrived (timeout, connection failure, malformed body), or
     *                             {@link TencentApiException#CREDENTIALS_UNAVAILABLE} when no credentials could be had
     */
    TencentApiResponse invoke(TencentApiRequest request) throws TencentApiException;

    /**
     * As {@link #invoke}, without a thread waiting for the answer: the request is signed and handed to the service's HTTP
     * client now, and the future completes on one of that client's threads when the answer has been read whole (or the
     * call failed), so a caller can keep many calls in flight. The same credentials snapshot, the same single resend after
     * refreshed credentials, the same Call Timeout and answer cap as {@link #invoke}. Take the permit (and budget) first,
     * as for {@link #invoke}: this method does neither.
     *
     * @param request the Action and the exact JSON payload
     * @return the response; or completes exceptionally with the {@link TencentApiException} that {@link #invoke} would
     *         throw (itself, not wrapped). Callbacks attached to it run on the client's thread: keep them short
     */
    CompletableFuture<TencentApiResponse> invokeAsync(TencentApiRequest request);

    /**
     * Downloads a result file Tencent links to (such as a document parsing job's zip), with this service's TLS, proxy and
     * timeouts, under the same transport rule as the Endpoint (https, or plain http only to loopback or when opted in).
     *
     * @param url the file's URL
     * @param maxBytes the largest file read whole; a larger one fails with {@link TencentApiException#ANSWER_TOO_LARGE}
     * @return the file's bytes
     * @throws TencentApiException when the file cannot be read, is too large, or the URL is refused
     */
    byte[] download(URI url, long maxBytes) throws TencentApiException;

    /** The service's Maximum Answer Size: the largest answer or downloaded result read whole, in bytes. */
    long getMaxAnswerBytes();

    /** The region sent as X-TC-Region, or null when none is sent. */
    String getRegion();

    /** The endpoint requests go to, such as https://ocr.tencentcloudapi.com. */
    URI getEndpoint();

    /** Tencent's public keys for sensitive data encryption and the session key protection key; never null, fields may be. */
    SensitiveDataKeys getSensitiveDataKeys();
}
