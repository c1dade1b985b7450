package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;

import java.util.function.Supplier;

/**
 * Hands out the credentials to sign one request with: one immutable snapshot per call, so a request never mixes the
 * Secret ID of one set with the key or token of another. Thread-safe.
 */
public interface CredentialsProvider extends Supplier<TencentCredentials>, AutoCloseable {

    /**
     * The credentials to sign the next request with.
     *
     * @throws CredentialsException when no valid credentials are left
     */
    @Override
    TencentCredentials get();

    /** Where the current credentials come from and when they expire; fetches them first if there are none yet. */
    CredentialsStatus status();

    /**
     * Tencent refused {@code rejected} as expired or invalid: refresh now, unless a newer set is already in use.
     *
     * @return true when {@link #get()} now returns other credentials, so the request is worth sending once more
     */
    default boolean refreshRejected(final TencentCredentials rejected) {
        return false;
    }

    @Override
    default void close() {
    }

    /**
     * Whether Tencent's answer says the credentials a request was signed with are expired or revoked: a token failure, or
     * an unknown Secret ID of temporary credentials (an expired temporary Secret ID no longer exists).
     */
    static boolean isRejection(final String errorCode, final TencentCredentials signed) {
        return "AuthFailure.TokenFailure".equals(errorCode)
                || signed.temporary() && ("AuthFailure.SecretIdNotFound".equals(errorCode) || "AuthFailure.InvalidSecretId".equals(errorCode));
    }
}
