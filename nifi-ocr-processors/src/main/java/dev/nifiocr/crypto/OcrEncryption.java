package dev.nifiocr.crypto;

import dev.nifiocr.service.api.SensitiveDataKeys;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one entry point to Tencent's sensitive data encryption: encrypt a request, decrypt its answer. The session key
 * is created, wrapped for Tencent, sealed for the FlowFile's attribute, recovered and destroyed in here; callers only
 * ever hold its {@link ProtectedSessionKey}.
 */
public final class OcrEncryption {

    /** An encrypted request body and the session key its answer needs, protected. */
    public record EncryptedRequest(byte[] body, ProtectedSessionKey sessionKey) {
    }

    private final SensitiveDataKeys keys;
    private final SecureRandom random;

    public OcrEncryption(final SensitiveDataKeys keys, final SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    // the client service's property names, as a user reads them in its configuration
    static final String RSA_PUBLIC_KEY = "RSA Public Key";
    static final String SM2_PUBLIC_KEY = "SM2 Public Key";
    static final String PROTECTION_SECRET = "Session Key Protection Secret";
    static final String ENCRYPTION_SWITCH = "Sensitive Data Encryption Enabled";

    /** What the client service lacks to encrypt with the algorithm, naming its property, or null when it has everything. */
    public String missingKey(final EnvelopeAlgorithm algorithm) {
        if (recipient(algorithm) == null) {
            return "the client service has no [%s]%s".formatted(algorithm == EnvelopeAlgorithm.AES_256_CBC ? RSA_PUBLIC_KEY : SM2_PUBLIC_KEY,
                    keys.sessionKeyProtection() == null ? " (set [%s] to true to show the key properties)".formatted(ENCRYPTION_SWITCH) : "");
        }
        return keys.sessionKeyProtection() == null ? "the client service has no [%s]".formatted(PROTECTION_SECRET) : null;
    }

    /**
     * Encrypts the whole parameter JSON into Tencent's envelope under a fresh session key.
     *
     * @throws GeneralSecurityException when a key is missing ({@link #missingKey}) or a cipher fails; the message never holds key material
     */
    public EncryptedRequest encryptRequest(final byte[] parametersJson, final EnvelopeAlgorithm algorithm) throws GeneralSecurityException {
        final String missing = missingKey(algorithm);
        if (missing != null) {
            throw new GeneralSecurityException(missing);
        }
        final SessionKey sessionKey = SessionKey.generate(algorithm, random);
        try {
            final byte[] body = EncryptedEnvelope.encryptRequest(parametersJson, sessionKey, recipient(algorithm), random);
            final byte[] sealed = new SessionKeyVault(keys.sessionKeyProtection(), random).protect(sessionKey);
            return new EncryptedRequest(body, new ProtectedSessionKey(algorithm, Base64.getEncoder().encodeToString(sealed)));
        } finally {
            sessionKey.destroy();
        }
    }

    /**
     * Decrypts the answer to a request {@link #encryptRequest} encrypted, checking that its Algorithm and Iv are the request's.
     *
     * @return the answer with its fields in place, or null when the answer carries nothing encrypted (a plain answer)
     * @throws GeneralSecurityException when the protection secret is missing or changed, the protected key was altered,
     *                                  or the answer does not decrypt or does not match the request
     */
    public byte[] decryptAnswer(final byte[] answer, final ProtectedSessionKey protectedKey) throws GeneralSecurityException {
        if (keys.sessionKeyProtection() == null) {
            throw new GeneralSecurityException("the client service has no " + PROTECTION_SECRET);
        }
        final SessionKey sessionKey = new SessionKeyVault(keys.sessionKeyProtection(), random).unprotect(protectedKey.sealed(), protectedKey.algorithm());
        try {
            return EncryptedEnvelope.decryptAnswer(answer, sessionKey);
        } finally {
            sessionKey.destroy();
        }
    }

    private PublicKey recipient(final EnvelopeAlgorithm algorithm) {
        return algorithm == EnvelopeAlgorithm.AES_256_CBC ? keys.rsaPublicKey() : keys.sm2PublicKey();
    }
}
