package dev.nifiocr.signer;

import java.util.Objects;

/**
 * What a TC3-HMAC-SHA256 signature covers and the common headers that travel with it.
 *
 * @param service the service name in the credential scope; {@code ocr} for OCR, {@code lkeap} for document parsing, whatever the host
 * @param host the value of the Host header as sent, with the port when it is not the scheme's default
 * @param action the X-TC-Action value
 * @param version the X-TC-Version value
 * @param region the X-TC-Region value, or null to send none
 * @param language the X-TC-Language value (zh-CN or en-US), or null to send none
 * @param contentType the Content-Type exactly as sent
 * @param payload the body bytes exactly as sent
 */
public record Tc3Request(String service, String host, String action, String version, String region, String language,
                        String contentType, byte[] payload) {

    public Tc3Request {
        Objects.requireNonNull(service, "Service required");
        Objects.requireNonNull(host, "Host required");
        Objects.requireNonNull(action, "Action required");
        Objects.requireNonNull(version, "Version required");
        Objects.requireNonNull(contentType, "Content-Type required");
        Objects.requireNonNull(payload, "Payload required");
    }
}
