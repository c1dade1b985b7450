package dev.nifiocr.crypto;

import dev.nifiocr.test.Openssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PublicKeyReaderTest {

    @Test
    void readsRsaKeysInEveryFormTencentUses(@TempDir final Path directory) throws Exception {
        final KeyPair pair = EncryptedEnvelopeTest.rsaKeyPair();
        final String spkiPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());

        assertArrayEquals(pair.getPublic().getEncoded(), PublicKeyReader.readRsa(spkiPem).getEncoded());
        assertArrayEquals(pair.getPublic().getEncoded(), PublicKeyReader.readRsa(base64(spkiPem)).getEncoded());
        assertArrayEquals(pair.getPublic().getEncoded(), PublicKeyReader.readRsa(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())).getEncoded());

        assumeTrue(Openssl.available());
        final Path spkiFile = directory.resolve("rsa.pem");
        java.nio.file.Files.writeString(spkiFile, spkiPem);
        final String pkcs1 = Openssl.run(null, "rsa", "-pubin", "-in", spkiFile.toString(), "-RSAPublicKey_out");
        assertTrue(pkcs1.startsWith("-----BEGIN RSA PUBLIC KEY-----"));
        assertArrayEquals(pair.getPublic().getEncoded(), PublicKeyReader.readRsa(base64(pkcs1)).getEncoded());
    }

    @Test
    void readsSm2Keys(@TempDir final Path directory) throws Exception {
        assumeTrue(Openssl.available());
        Openssl.generateSm2(directory);
        final String pem = Openssl.read(directory.resolve("sm2-public.pem"));

        final PublicKey key = PublicKeyReader.readSm2(base64(pem));

        assertTrue(key instanceof java.security.interfaces.ECPublicKey);
        assertThrows(IllegalArgumentException.class, () -> PublicKeyReader.readRsa(pem));
    }

    @Test
    void saysWhatIsWrong() throws Exception {
        assertEquals("Public key is empty", assertThrows(IllegalArgumentException.class, () -> PublicKeyReader.readRsa(" ")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublicKeyReader.readRsa("not a key!")).getMessage()
                .startsWith("Public key is neither PEM text nor Base64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublicKeyReader.readRsa("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .getMessage().startsWith("Public key PEM is malformed"));
        final String privatePem = pem("PRIVATE KEY", EncryptedEnvelopeTest.rsaKeyPair().getPrivate().getEncoded());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublicKeyReader.readRsa(privatePem)).getMessage().contains("not a public key"));
        final String rsaPem = pem("PUBLIC KEY", EncryptedEnvelopeTest.rsaKeyPair().getPublic().getEncoded());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PublicKeyReader.readSm2(rsaPem)).getMessage().contains("sm2p256v1"));
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64(final String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
