package dev.nifiocr.service.api;

import java.util.Objects;

/**
 * One call of a Tencent Cloud API 3.0 Action: the exact JSON bytes that are signed and sent.
 *
 * @param action the Action name, such as GeneralBasicOCR
 * @param version the API version, such as 2018-11-19
 * @param payload the request parameters as a UTF-8 JSON object
 */
public record TencentApiRequest(String action, String version, byte[] payload) {

    public TencentApiRequest {
        Objects.requireNonNull(action, "Action required");
        Objects.requireNonNull(version, "Version required");
        Objects.requireNonNull(payload, "Payload required");
    }

    @Override
    public String toString() {
        return "TencentApiRequest[action=" + action + ", version=" + version + ", payloadBytes=" + payload.length + "]";
    }
}
