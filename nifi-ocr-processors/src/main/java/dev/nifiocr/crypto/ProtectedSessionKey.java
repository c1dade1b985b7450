package dev.nifiocr.crypto;

import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * A request's session key as it travels with its FlowFile, from encrypting the request to decrypting the answer:
 * opaque, sealed under the client service's Session Key Protection Secret ({@link SessionKeyVault}). Only
 * {@link OcrEncryption} opens it; the text is safe for an attribute and says nothing without the secret.
 *
 * @param algorithm the envelope's algorithm
 * @param value     the sealed key and IV, Base64
 */
public record ProtectedSessionKey(EnvelopeAlgorithm algorithm, String value) {

    /**
     * Reads the two attribute values a request carries.
     *
     * @param algorithmName the algorithm's name ({@link EnvelopeAlgorithm#name()}), as {@link #algorithm()} wrote it
     * @throws GeneralSecurityException when either is missing or the name is no algorithm of this bundle
     */
    public static ProtectedSessionKey of(final String algorithmName, final String value) throws GeneralSecurityException {
        if (algorithmName == null) {
            throw new GeneralSecurityException("the request's encryption algorithm is missing");
        }
        if (value == null) {
            throw new GeneralSecurityException("the request's protected session key is missing");
        }
        try {
            return new ProtectedSessionKey(EnvelopeAlgorithm.valueOf(algorithmName), value);
        } catch (final IllegalArgumentException e) {
            throw new GeneralSecurityException("the request's encryption algorithm names no algorithm of this bundle", e);
        }
    }

    byte[] sealed() throws GeneralSecurityException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (final IllegalArgumentException e) {
            throw new GeneralSecurityException("the protected session key is not Base64", e);
        }
    }

    @Override
    public String toString() {
        return "ProtectedSessionKey[" + algorithm.tencentName() + "]";
    }
}
