package dev.nifiocr.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Protects a session key while its FlowFile travels from EncryptOCRPayload to InvokeTencentOCR, possibly across a
 * restart or to another node: AES-256-GCM under a key derived (HKDF-SHA256) from the service's secret of at least 256
 * random bits ({@link ProtectionSecret}). The result goes into an attribute; without the secret it reveals nothing and
 * cannot be altered unnoticed.
 *
 * <p>Format 2 is {@code 0x02 || nonce (12) || ciphertext || tag (16)}. Format 1 (no version byte, key derived from any
 * text of 16+ characters) is no longer read: such a value gets an error saying to run its input through
 * EncryptOCRPayload again.
 */
public final class SessionKeyVault {

    private static final byte[] SALT = "nifi-ocr".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "session key protection v2".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey protectionKey;
    private final SecureRandom random;

    public SessionKeyVault(final SecretKey protectionKey, final SecureRandom random) {
        this.protectionKey = protectionKey;
        this.random = random;
    }

    /**
     * Derives the protection key from the service's secret; every node with the same secret derives the same key.
     *
     * @throws IllegalArgumentException when the secret is not at least 32 random bytes in Base64 or hex
     */
    public static SecretKey deriveProtectionKey(final String secret) {
        final byte[] secretBytes = ProtectionSecret.decode(secret);
        final HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secretBytes, SALT, INFO));
        Arrays.fill(secretBytes, (byte) 0);
        final byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        try {
            return new SecretKeySpec(key, "AES");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public byte[] protect(final SessionKey sessionKey) throws GeneralSecurityException {
        final byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", EnvelopeCrypto.BOUNCY_CASTLE);
        cipher.init(Cipher.ENCRYPT_MODE, protectionKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData(sessionKey.algorithm()));
        final byte[] material = ByteBuffer.allocate(sessionKey.key().length + sessionKey.algorithm().ivLength())
                .put(sessionKey.key()).put(sessionKey.iv()).array();
        try {
            final byte[] sealed = cipher.doFinal(material);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /** @throws GeneralSecurityException when the value was not protected with this secret for this algorithm, or was altered */
    public SessionKey unprotect(final byte[] protectedKey, final EnvelopeAlgorithm algorithm) throws GeneralSecurityException {
        final int sealedLength = algorithm.keyLength() + algorithm.ivLength() + TAG_BITS / 8;
        if (protectedKey.length == NONCE_BYTES + sealedLength) {
            throw new GeneralSecurityException("Protected session key is in format 1 (protected with a passphrase by an earlier "
                    + "version), which is no longer read: run the input through EncryptOCRPayload again");
        }
        if (protectedKey.length != 1 + NONCE_BYTES + sealedLength || protectedKey[0] != VERSION) {
            throw new GeneralSecurityException("Protected session key has an unknown format or length for " + algorithm.tencentName());
        }
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", EnvelopeCrypto.BOUNCY_CASTLE);
        cipher.init(Cipher.DECRYPT_MODE, protectionKey, new GCMParameterSpec(TAG_BITS, protectedKey, 1, NONCE_BYTES));
        cipher.updateAAD(associatedData(algorithm));
        final byte[] material = cipher.doFinal(protectedKey, 1 + NONCE_BYTES, sealedLength);
        try {
            if (material.length != algorithm.keyLength() + algorithm.ivLength()) {
                throw new GeneralSecurityException("Protected session key has the wrong length for " + algorithm.tencentName());
            }
            return new SessionKey(algorithm, Arrays.copyOf(material, algorithm.keyLength()),
                    Arrays.copyOfRange(material, algorithm.keyLength(), material.length));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private static byte[] associatedData(final EnvelopeAlgorithm algorithm) {
        return ("nifi-ocr session key v2 " + algorithm.tencentName()).getBytes(StandardCharsets.US_ASCII);
    }
}
