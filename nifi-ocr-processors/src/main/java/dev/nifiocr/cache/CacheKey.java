package dev.nifiocr.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The cache key of a request: SHA-256 (hex) of the Action, region, API version and the request JSON in canonical form
 * (keys sorted, no whitespace), which holds every parameter and the image's Base64 or URL. Two requests Tencent would
 * answer alike get the same key; any change of Action, region, version, parameter or image byte gives another.
 * Pure; the payload is parsed once and streamed into the digest, not copied.
 */
public final class CacheKey {

    // a new layout of the digested text gets a new prefix, so old entries are never read as new ones
    private static final String LAYOUT = "nifi-ocr-cache-1";
    // parameters of Tencent's sensitive data encryption: such requests and their answers are never cached
    private static final Set<String> ENCRYPTION_PARAMETERS = Set.of("Encryption", "EncryptedBody");
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private CacheKey() {
    }

    /**
     * @param payload the request JSON as sent
     * @return the key, or empty when the request must not be cached (encrypted) or is not a JSON object
     */
    public static Optional<String> of(final String action, final String region, final String apiVersion, final byte[] payload) {
        final JsonNode request;
        try {
            request = CANONICAL.readTree(payload);
        } catch (final IOException e) {
            return Optional.empty();
        }
        if (request == null || !request.isObject() || ENCRYPTION_PARAMETERS.stream().anyMatch(request::has)) {
            return Optional.empty();
        }
        final MessageDigest digest = sha256();
        final String header = String.join("\n", LAYOUT, action, String.valueOf(region), apiVersion, "");
        digest.update(header.getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            CANONICAL.writeValue(out, request); // keys sorted at every depth, no whitespace
        } catch (final JsonProcessingException e) {
            return Optional.empty();
        } catch (final IOException e) {
            throw new IllegalStateException("Writing to a digest cannot fail", e);
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
