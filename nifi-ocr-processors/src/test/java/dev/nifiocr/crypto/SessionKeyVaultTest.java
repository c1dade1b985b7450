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

class SessionKeyVaultTest {

    private final SecureRandom random = new SecureRandom();
    private final SecretKey protection = SessionKeyVault.deriveProtectionKey("a secret of enough length");

    @Test
    void anotherNodeWithTheSameSecretRecoversTheKey() throws Exception {
        final SessionKey original = SessionKey.generate(EnvelopeAlgorithm.SM4_GCM, random);
        final byte[] protectedKey = new SessionKeyVault(protection, random).protect(original);

        final SessionKey recovered = new SessionKeyVault(SessionKeyVault.deriveProtectionKey("a secret of enough length"), random)
                .unprotect(protectedKey, EnvelopeAlgorithm.SM4_GCM);

        assertArrayEquals(original.key(), recovered.key());
        assertArrayEquals(original.iv(), recovered.iv());
        assertEquals(12 + 16 + 12 + 16, protectedKey.length);
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
        assertThrows(GeneralSecurityException.class, () -> new SessionKeyVault(SessionKeyVault.deriveProtectionKey("another secret value"), random)
                .unprotect(protectedKey, EnvelopeAlgorithm.AES_256_CBC));
        assertThrows(GeneralSecurityException.class, () -> vault.unprotect(protectedKey, EnvelopeAlgorithm.SM4_GCM));
        assertThrows(GeneralSecurityException.class, () -> vault.unprotect(new byte[5], EnvelopeAlgorithm.AES_256_CBC));
    }

    @Test
    void destroyedKeysCannotBeUsed() {
        final SessionKey key = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        key.destroy();
        assertThrows(IllegalStateException.class, key::key);
    }
}
