package dev.nifiocr.client;

import dev.nifiocr.net.HostAddresses;

import java.net.URI;

/**
 * Whether an endpoint may be reached without TLS. Over plain HTTP the image, the answer, the session token and the
 * signature travel in clear text, so it is refused unless the host is loopback (an emulator or a local TLS-terminating
 * gateway) or the user opted in explicitly.
 */
public final class TransportSecurity {

    private TransportSecurity() {
    }

    /** Why the endpoint is refused, or null when it may be used. */
    public static String refusal(final URI endpoint, final boolean plainHttpAllowed, final String optInProperty) {
        if (!"http".equalsIgnoreCase(endpoint.getScheme()) || plainHttpAllowed || HostAddresses.isLoopback(endpoint.getHost())) {
            return null;
        }
        return ("Endpoint [%s] uses plain http to a host that is not loopback: images, answers, the session token and the "
                + "signature would travel in clear text. Use https, or set [%s] to true for a network you trust")
                .formatted(endpoint, optInProperty);
    }

    /** How the endpoint is protected, in words, for Verify. */
    public static String describe(final URI endpoint) {
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            return "TLS with certificate and host name verification";
        }
        return HostAddresses.isLoopback(endpoint.getHost()) ? "plain HTTP to a loopback host: traffic stays on this machine"
                : "WARNING: plain HTTP, opted in: requests, answers and credentials travel unencrypted";
    }
}
