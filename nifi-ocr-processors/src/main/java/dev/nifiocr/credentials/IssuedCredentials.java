package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary credentials as a source issued them.
 *
 * @param credentials the Secret ID, Secret Key and session token, one consistent set
 * @param expiration when Tencent stops accepting them (ExpiredTime)
 */
record IssuedCredentials(TencentCredentials credentials, Instant expiration) {

    public IssuedCredentials {
        Objects.requireNonNull(credentials, "Credentials required");
        Objects.requireNonNull(expiration, "Expiration required");
    }
}
