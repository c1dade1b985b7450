package dev.nifiocr.service.api;

import java.util.Objects;

/**
 * One immutable snapshot of Tencent Cloud API credentials, read once per request so that a rotated
 * temporary credential never mixes an old Secret ID with a new Secret Key.
 *
 * @param secretId the Secret ID (AKID...), not secret by itself
 * @param secretKey the Secret Key
 * @param sessionToken the STS session token of temporary credentials, or null
 */
public record TencentCredentials(String secretId, String secretKey, String sessionToken) {

    private static final int VISIBLE_ID_PREFIX = 6;

    public TencentCredentials {
        Objects.requireNonNull(secretId, "Secret ID required");
        Objects.requireNonNull(secretKey, "Secret Key required");
        if (secretId.isBlank() || secretKey.isBlank()) {
            throw new IllegalArgumentException("Secret ID and Secret Key must not be blank");
        }
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
        requireHeaderSafe("Secret ID", secretId);
        if (sessionToken != null) {
            requireHeaderSafe("Session Token", sessionToken);
        }
    }

    /**
     * The Secret ID and the token travel in HTTP headers: a line break or control character (often pasted along) would
     * fail every request at send time. The message names the field and position, never the value.
     */
    public static void requireHeaderSafe(final String field, final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(("%s has a character HTTP headers cannot carry (line break, space, control or "
                        + "non-ASCII character) at position %d of %d").formatted(field, i + 1, value.length()));
            }
        }
    }

    /** Whether these are temporary (STS) credentials carrying a session token. */
    public boolean temporary() {
        return sessionToken != null;
    }

    /** The Secret ID with all but its first characters masked, safe for logs and messages. */
    public String maskedSecretId() {
        final int visible = Math.min(VISIBLE_ID_PREFIX, secretId.length() / 2);
        return secretId.substring(0, visible) + "*".repeat(Math.max(4, secretId.length() - visible));
    }

    @Override
    public String toString() {
        return "TencentCredentials[secretId=" + maskedSecretId() + ", secretKey=****, temporary=" + temporary() + "]";
    }
}
