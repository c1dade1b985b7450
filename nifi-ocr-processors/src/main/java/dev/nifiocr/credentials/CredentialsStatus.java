package dev.nifiocr.credentials;

import java.time.Instant;

/**
 * What Verify reports about credentials: where they came from and when they change; never a value.
 *
 * @param source the source that answered, e.g. "CVM Instance Role [nifi-ocr]"
 * @param expiration when the credentials in use expire, or null for permanent keys
 * @param nextRefresh when they will be refreshed, or null for permanent keys
 */
public record CredentialsStatus(String source, Instant expiration, Instant nextRefresh) {
}
