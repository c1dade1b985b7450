package dev.nifiocr.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The cryptography of Tencent's sensitive data encryption: wrap a session key with Tencent's public key, and seal or
 * open a body with the session key. JCA with a Bouncy Castle provider instance (never registered globally), and Bouncy
 * Castle's SM2 engine for the C1C3C2 layout Tencent expects.
 */
public final class EnvelopeCrypto {

    /** One provider instance for the bundle; registering it with Security.addProvider would affect all of NiFi. */
    public static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final int GCM_TAG_BYTES = 16;

    private EnvelopeCrypto() {
    }

    /** A body encrypted with a session key; the tag is separate for SM4-GCM and null for AES-256-CBC. */
    public record Sealed(byte[] ciphertext, byte[] tag) {
    }

    /** Encrypts the session key for Tencent: RSA PKCS#1 v1.5 for AES-256-CBC, SM2 C1C3C2 for SM4-GCM. */
    public static byte[] wrapKey(final SessionKey sessionKey, final PublicKey recipient, final SecureRandom random) throws GeneralSecurityException {
        return switch (sessionKey.algorithm()) {
            case AES_256_CBC -> {
                final Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding", BOUNCY_CASTLE);
                rsa.init(Cipher.ENCRYPT_MODE, recipient, random);
                yield rsa.doFinal(sessionKey.key());
            }
            case SM4_GCM -> {
                final SM2Engine sm2 = new SM2Engine(SM2Engine.Mode.C1C3C2);
                try {
                    sm2.init(true, new ParametersWithRandom(PublicKeyFactory.createKey(recipient.getEncoded()), random));
                    yield sm2.processBlock(sessionKey.key(), 0, sessionKey.key().length);
                } catch (final IOException | InvalidCipherTextException | IllegalArgumentException e) {
                    throw new GeneralSecurityException("SM2 encryption of the session key failed: " + e.getMessage(), e);
                }
            }
        };
    }

    public static Sealed seal(final SessionKey sessionKey, final byte[] plaintext) throws GeneralSecurityException {
        final Cipher cipher = cipher(sessionKey, Cipher.ENCRYPT_MODE, sessionKey.iv());
        final byte[] output = cipher.doFinal(plaintext);
        if (sessionKey.algorithm() == EnvelopeAlgorithm.AES_256_CBC) {
            return new Sealed(output, null);
        }
        final int split = output.length - GCM_TAG_BYTES;
        return new Sealed(Arrays.copyOf(output, split), Arrays.copyOfRange(output, split, output.length));
    }

    /**
     * Decrypts a body sealed with the session key, using the given IV (Tencent echoes the request's).
     *
     * @param tag the SM4-GCM tag; required for SM4-GCM, ignored for AES-256-CBC
     */
    public static byte[] open(final SessionKey sessionKey, final byte[] iv, final byte[] ciphertext, final byte[] tag) throws GeneralSecurityException {
        final Cipher cipher = cipher(sessionKey, Cipher.DECRYPT_MODE, iv);
        if (sessionKey.algorithm() == EnvelopeAlgorithm.AES_256_CBC) {
            return cipher.doFinal(ciphertext);
        }
        if (tag == null || tag.length != GCM_TAG_BYTES) {
            throw new GeneralSecurityException("SM4-GCM answer carries no 16-byte tag in Encryption.TagList");
        }
        final byte[] input = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
        System.arraycopy(tag, 0, input, ciphertext.length, tag.length);
        return cipher.doFinal(input);
    }

    private static Cipher cipher(final SessionKey sessionKey, final int mode, final byte[] iv) throws GeneralSecurityException {
        return switch (sessionKey.algorithm()) {
            case AES_256_CBC -> {
                // the JDK's provider: its AES uses the processor's AES instructions, several times faster than Bouncy Castle's
                final Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                aes.init(mode, new SecretKeySpec(sessionKey.key(), "AES"), new IvParameterSpec(iv));
                yield aes;
            }
            case SM4_GCM -> {
                final Cipher sm4 = Cipher.getInstance("SM4/GCM/NoPadding", BOUNCY_CASTLE);
                sm4.init(mode, new SecretKeySpec(sessionKey.key(), "SM4"), new GCMParameterSpec(GCM_TAG_BYTES * 8, iv));
                yield sm4;
            }
        };
    }
}
