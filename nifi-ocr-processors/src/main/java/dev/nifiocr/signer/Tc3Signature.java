package dev.nifiocr.signer;

import java.util.Map;

/**
 * The result of signing one request: every intermediate string, so tests can assert each step, and the headers to send.
 *
 * @param timestamp Unix seconds sent as X-TC-Timestamp
 * @param canonicalRequest the canonical request
 * @param stringToSign the string to sign
 * @param signature the lowercase hex signature
 * @param authorization the Authorization header value
 * @param headers every header to send, Authorization included, in a stable order
 */
public record Tc3Signature(long timestamp, String canonicalRequest, String stringToSign, String signature,
                           String authorization, Map<String, String> headers) {

    @Override
    public String toString() {
        return "Tc3Signature[timestamp=" + timestamp + ", signature=" + signature + "]";
    }
}
