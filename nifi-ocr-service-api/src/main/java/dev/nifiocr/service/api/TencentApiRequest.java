package dev.nifiocr.service.api;

import java.util.Objects;

/**
 * One call of a Tencent Cloud API 3.0 Action: the exact JSON bytes that are signed and sent.
 *
 * @param action the Action name, such as GeneralBasicOCR
 * @param version the API version, such as 2018-11-19
 * @param payload the request parameters as a UTF-8 JSON object
 * @param service the Tencent Cloud service the Action belongs to, such as ocr or lkeap: it names the signature's
 *                credential scope and the first label of the host
 */
public record TencentApiRequest(String action, String version, byte[] payload, String service) {

    /** The service of every OCR Action. */
    public static final String OCR_SERVICE = "ocr";

    public TencentApiRequest {
        Objects.requireNonNull(action, "Action required");
        Objects.requireNonNull(version, "Version required");
        Objects.requireNonNull(payload, "Payload required");
        Objects.requireNonNull(service, "Service required");
        if (!service.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("Service must be a lower-case host label, such as ocr or lkeap");
        }
    }

    /** A call of an OCR Action (service {@code ocr}). */
    public TencentApiRequest(final String action, final String version, final byte[] payload) {
        this(action, version, payload, OCR_SERVICE);
    }

    @Override
    public String toString() {
        return "TencentApiRequest[service=" + service + ", action=" + action + ", version=" + version + ", payloadBytes=" + payload.length + "]";
    }
}
