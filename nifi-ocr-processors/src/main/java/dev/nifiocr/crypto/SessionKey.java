package dev.nifiocr.crypto;

import javax.security.auth.Destroyable;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A random symmetric key and IV for one request and its response. Holds plaintext key material: never log it,
 * never put it in an attribute; destroy it when done.
 */
public final class SessionKey implements Destroyable {

    private final EnvelopeAlgorithm algorithm;
    private final byte[] key;
    private final byte[] iv;
    private boolean destroyed;

    public SessionKey(final EnvelopeAlgorithm algorithm, final byte[] key, final byte[] iv) {
        if (key.length != algorithm.keyLength() || iv.length != algorithm.ivLength()) {
            throw new IllegalArgumentException("%s needs a %d-byte key and a %d-byte IV".formatted(algorithm.tencentName(), algorithm.keyLength(), algorithm.ivLength()));
        }
        this.algorithm = algorithm;
        this.key = key.clone();
        this.iv = iv.clone();
    }

    public static SessionKey generate(final EnvelopeAlgorithm algorithm, final SecureRandom random) {
        final byte[] key = new byte[algorithm.keyLength()];
        final byte[] iv = new byte[algorithm.ivLength()];
        random.nextBytes(key);
        random.nextBytes(iv);
        try {
            return new SessionKey(algorithm, key, iv);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public EnvelopeAlgorithm algorithm() {
        return algorithm;
    }

    /** The key bytes; the caller must not keep or expose them. */
    byte[] key() {
        checkNotDestroyed();
        return key;
    }

    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("Session key destroyed");
        }
    }

    @Override
    public String toString() {
        return "SessionKey[" + algorithm.tencentName() + "]";
    }
}
