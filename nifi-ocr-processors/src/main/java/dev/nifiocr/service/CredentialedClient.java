package dev.nifiocr.service;

import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import org.apache.nifi.logging.ComponentLog;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A request's way out: read one credentials snapshot, wait for the request's send slot under the account's rate limits,
 * sign and send with exactly that set; when Tencent rejects that set as expired or revoked, have the provider refresh it
 * once and, if that brought another set, send once more with it (in a send slot of its own). The one place that sends a
 * request a second time, for waiting calls and asynchronous ones alike. An asynchronous call waits for its send slot on
 * the caller's thread (a processor's task, parked, as for its permit), so that it leaves spaced as the permits are.
 */
final class CredentialedClient {

    /** Waits until a request of the Action may go on the wire; throws when it may not (nothing was sent). */
    @FunctionalInterface
    interface SendSlots {
        SendSlots NONE = action -> { };

        void await(String action) throws TencentApiException;
    }

    private final TencentApiClient client;
    private final CredentialsProvider credentials;
    private final SendSlots sendSlots;
    private final ComponentLog log;

    CredentialedClient(final TencentApiClient client, final CredentialsProvider credentials, final ComponentLog log) {
        this(client, credentials, SendSlots.NONE, log);
    }

    CredentialedClient(final TencentApiClient client, final CredentialsProvider credentials, final SendSlots sendSlots, final ComponentLog log) {
        this.client = client;
        this.credentials = credentials;
        this.sendSlots = sendSlots;
        this.log = log;
    }

    TencentApiResponse invoke(final TencentApiRequest request) throws TencentApiException {
        final TencentCredentials signing = readyToSend(request);
        final TencentApiResponse response = client.invoke(request, signing);
        return resendsAfter(request, response, signing) ? client.invoke(request, readyToSend(request)) : response;
    }

    /**
     * As {@link #invoke}, without waiting: the future completes on OkHttp's thread, exceptionally with the
     * {@link TencentApiException} that {@link #invoke} would throw. A refresh after a rejection runs on that thread too.
     */
    CompletableFuture<TencentApiResponse> invokeAsync(final TencentApiRequest request) {
        final CompletableFuture<TencentApiResponse> answer = new CompletableFuture<>();
        try {
            final TencentCredentials signing = readyToSend(request);
            client.invokeAsync(request, signing).whenComplete((response, failure) -> {
                try {
                    if (failure == null && resendsAfter(request, response, signing)) {
                        client.invokeAsync(request, readyToSend(request)).whenComplete((again, failedAgain) -> settle(answer, again, failedAgain));
                        return;
                    }
                    settle(answer, response, failure);
                } catch (final TencentApiException | RuntimeException e) {
                    // the future must end whatever happens on OkHttp's thread: a caller waits for it
                    answer.completeExceptionally(e);
                }
            });
        } catch (final TencentApiException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Completes the answer as a call ended, with the call's own exception (not wrapped, as composing futures would). */
    private static void settle(final CompletableFuture<TencentApiResponse> answer, final TencentApiResponse response, final Throwable failure) {
        if (failure != null) {
            answer.completeExceptionally(failure);
        } else {
            answer.complete(response);
        }
    }

    /** Whether Tencent rejected the set the request was signed with and a refresh brought another: then it is sent once more. */
    private boolean resendsAfter(final TencentApiRequest request, final TencentApiResponse response, final TencentCredentials signing) {
        if (CredentialsProvider.isRejection(response.errorCode(), signing) && credentials.refreshRejected(signing)) {
            log.info("Tencent refused the credentials with [{}]; refreshed them and sent {} once more", response.errorCode(), request.action());
            return true;
        }
        return false;
    }

    /** The credentials to sign a request with, read once, after waiting for its send slot (nothing is sent when either fails). */
    private TencentCredentials readyToSend(final TencentApiRequest request) throws TencentApiException {
        final TencentCredentials signing = snapshot();
        sendSlots.await(request.action());
        return signing;
    }

    /** The credentials to sign one request with; none to be had is the request's failure, never a key or token in the message. */
    private TencentCredentials snapshot() throws TencentApiException {
        try {
            return credentials.get();
        } catch (final RuntimeException e) {
            // CredentialsException by contract; any other failure to produce a set means no credentials as well
            throw new TencentApiException(TencentApiException.CREDENTIALS_UNAVAILABLE, Objects.toString(e.getMessage(), e.getClass().getSimpleName()), e);
        }
    }
}
