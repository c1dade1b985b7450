package dev.nifiocr.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionKeyVaultTest {

    private static final String SECRET = "v6uOp4mhcQ01QqlZG3bD/iILzGLnYfJgjCnMupLVe6A=";
    private static final String OTHER_SECRET = "5bb6e2958c9ecab1628364ad4385f062a5dec0ac36b6622b9c6a322668e824fa";

    private final SecureRandom random = new SecureRandom();
    private final SecretKey protection = SessionKeyVault.deriveProtectionKey(SECRET);

    @Test
    void anotherNodeWithTheSameSecretRecoversTheKey() throws Exception {
        final SessionKey original = SessionKey.generate(EnvelopeAlgorithm.SM4_GCM, random);
        final byte[] protectedKey = new SessionKeyVault(protection, random).protect(original);

        final SessionKey recovered = new SessionKeyVault(SessionKeyVault.deriveProtectionKey(SECRET), random)
                .unprotect(protectedKey, EnvelopeAlgorithm.SM4_GCM);

        assertArrayEquals(original.key(), recovered.key());
        assertArrayEquals(original.iv(), recovered.iv());
        assertEquals(1 + 12 + 16 + 12 + 16, protectedKey.length);
        assertEquals(2, protectedKey[0]);
    }

    @Test
    void revealsNothingOfTheKey() throws Exception {
        final SessionKey original = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        final byte[] protectedKey = new SessionKeyVault(protection, random).protect(original);
        assertFalse(new String(protectedKey, StandardCharsets.ISO_8859_1).contains(new String(original.key(), StandardCharsets.ISO_8859_1)));
        assertEquals("SessionKey[AES-256-CBC]", original.toString());
    }

    @Test
    void refusesAlteredValuesOtherSecretsAndOtherAlgorithms() throws Exception {
        final byte[] protectedKey = new SessionKeyVault(protection, random).protect(SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random));
        final SessionKeyVault vault = new SessionKeyVault(protection, random);

        final byte[] altered = protectedKey.clone();
        altered[20] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> vault.unprotect(altered, EnvelopeAlgorithm.AES_256_CBC));
        assertThrows(GeneralSecurityException.class, () -> new SessionKeyVault(SessionKeyVault.deriveProtectionKey(OTHER_SECRET), random)
                .unprotect(protectedKey, EnvelopeAlgorithm.AES_256_CBC));
        assertThrows(GeneralSecurityException.class, () -> vault.unprotect(protectedKey, EnvelopeAlgorithm.SM4_GCM));
        assertThrows(GeneralSecurityException.class, () -> vault.unprotect(new byte[5], EnvelopeAlgorithm.AES_256_CBC));
    }

    /** A value from before format 2 (no version byte, passphrase-derived key) gets an error that says what to do. */
    @Test
    void refusesFormatOneWithAPathForward() {
        final byte[] formatOne = new byte[12 + 32 + 16 + 16];
        random.nextBytes(formatOne);
        final GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> new SessionKeyVault(protection, random).unprotect(formatOne, EnvelopeAlgorithm.AES_256_CBC));
        assertTrue(e.getMessage().contains("format 1") && e.getMessage().contains("EncryptOCRPayload again"), e.getMessage());
    }

    @Test
    void destroyedKeysCannotBeUsed() {
        final SessionKey key = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        key.destroy();
        assertThrows(IllegalStateException.class, key::key);
    }
}
