package dev.nifiocr.client;

import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 with Proxy-Authorization only for the CONNECT that opens the tunnel. OkHttp hands every 407 to
 * the proxy authenticator, also one the origin sends from inside the TLS tunnel: answering that would give the proxy
 * password to the origin and re-send the signed request with the image.
 */
final class TunnelOnlyProxyAuthenticator implements Authenticator {

    private static final String HEADER = "Proxy-Authorization";
    private final String credentials;

    TunnelOnlyProxyAuthenticator(final String credentials) {
        this.credentials = credentials;
    }

    @Override
    public Request authenticate(final Route route, final Response response) {
        final Request request = response.request();
        if (!"CONNECT".equals(request.method()) || request.header(HEADER) != null) {
            return null;
        }
        return request.newBuilder().header(HEADER, credentials).build();
    }

    @Override
    public String toString() {
        return "TunnelOnlyProxyAuthenticator";
    }
}
