package dev.nifiocr.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.test.Openssl;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EncryptedEnvelopeTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final byte[] PARAMETERS = "{\"ImageUrl\":\"https://example.com/id.jpg\",\"CardSide\":\"FRONT\"}".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();

    /** Decrypted with the JDK's own providers (SunJCE, SunRsaSign), written here from the format's description. */
    @Test
    void aesRequestDecryptsWithTheJdk() throws Exception {
        final KeyPair tencent = rsaKeyPair();
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);

        final JsonNode request = OBJECT_MAPPER.readTree(EncryptedEnvelope.encryptRequest(PARAMETERS, sessionKey, tencent.getPublic(), random));

        final JsonNode encryption = request.get("Encryption");
        assertEquals("AES-256-CBC", encryption.get("Algorithm").asText());
        assertEquals("EncryptedBody", encryption.get("EncryptList").get(0).asText());
        assertFalse(encryption.has("TagList"));
        final byte[] blob = BASE64.decode(encryption.get("CiphertextBlob").asText());
        assertEquals(128, blob.length);
        final Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding", "SunJCE");
        rsa.init(Cipher.DECRYPT_MODE, tencent.getPrivate());
        final byte[] key = rsa.doFinal(blob);
        assertEquals(32, key.length);
        final byte[] iv = BASE64.decode(encryption.get("Iv").asText());
        assertEquals(16, iv.length);
        final Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding", "SunJCE");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        assertArrayEquals(PARAMETERS, aes.doFinal(BASE64.decode(request.get("EncryptedBody").asText())));
    }

    /**
     * Decrypted with the openssl command line: the SM2 blob (Tencent's C1C3C2, uncompressed point) is re-encoded in the
     * ASN.1 form openssl reads, and the SM4-GCM body is decrypted as SM4-CTR from counter block IV || 00000002, which
     * is what GCM encryption is (NIST SP 800-38D), so no Bouncy Castle code is involved on the checking side.
     */
    @Test
    void sm4RequestDecryptsWithOpenssl(@TempDir final Path directory) throws Exception {
        assumeTrue(Openssl.available(), "openssl 3 not installed");
        final Path privateKey = Openssl.generateSm2(directory);
        final PublicKey tencent = PublicKeyReader.readSm2(Openssl.read(directory.resolve("sm2-public.pem")));
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.SM4_GCM, random);

        final JsonNode request = OBJECT_MAPPER.readTree(EncryptedEnvelope.encryptRequest(PARAMETERS, sessionKey, tencent, random));

        final JsonNode encryption = request.get("Encryption");
        assertEquals("SM4-GCM", encryption.get("Algorithm").asText());
        final byte[] blob = BASE64.decode(encryption.get("CiphertextBlob").asText());
        assertEquals(0x04, blob[0]);
        assertEquals(1 + 64 + 32 + 16, blob.length);
        final Path der = directory.resolve("blob.der");
        Files.write(der, c1c3c2ToAsn1(blob));
        final byte[] key = Openssl.runBytes(null, "pkeyutl", "-decrypt", "-inkey", privateKey.toString(), "-in", der.toString());
        assertEquals(16, key.length);

        final byte[] iv = BASE64.decode(encryption.get("Iv").asText());
        assertEquals(12, iv.length);
        assertEquals(16, BASE64.decode(encryption.get("TagList").get(0).asText()).length);
        final byte[] counterBlock = Arrays.copyOf(iv, 16);
        counterBlock[15] = 2;
        final byte[] plaintext = Openssl.runBytes(BASE64.decode(request.get("EncryptedBody").asText()), "enc", "-d", "-sm4-ctr",
                "-K", HexFormat.of().formatHex(key), "-iv", HexFormat.of().formatHex(counterBlock), "-nopad");
        assertArrayEquals(PARAMETERS, plaintext);
    }

    @Test
    void sm4GcmMatchesTheRfc8998TagWithoutAssociatedData() throws Exception {
        // RFC 8998 A.1 key, IV and plaintext; ciphertext checked against the RFC (GCM ciphertext does not depend on AAD)
        final SessionKey sessionKey = new SessionKey(EnvelopeAlgorithm.SM4_GCM, HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210"),
                HexFormat.of().parseHex("00001234567800000000ABCD"));
        final byte[] plaintext = HexFormat.of().parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");

        final EnvelopeCrypto.Sealed sealed = EnvelopeCrypto.seal(sessionKey, plaintext);

        assertEquals("17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735"
                + "d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d", HexFormat.of().formatHex(sealed.ciphertext()));
        assertEquals(16, sealed.tag().length);
        assertArrayEquals(plaintext, EnvelopeCrypto.open(sessionKey, sessionKey.iv(), sealed.ciphertext(), sealed.tag()));
    }

    @Test
    void decryptsTencentsAnswerInPlace() throws Exception {
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        final byte[] fields = "{\"Name\":\"李明\",\"IdNum\":\"440524198701010014\"}".getBytes(StandardCharsets.UTF_8);
        final byte[] answer = answer(sessionKey, EnvelopeCrypto.seal(sessionKey, fields), "\"TagList\": null");

        final JsonNode decrypted = OBJECT_MAPPER.readTree(EncryptedEnvelope.decryptResponse(answer, sessionKey)).get("Response");

        assertEquals("李明", decrypted.get("Name").asText());
        assertEquals("440524198701010014", decrypted.get("IdNum").asText());
        assertEquals("", decrypted.get("Sex").asText());
        assertEquals("req-1", decrypted.get("RequestId").asText());
        assertFalse(decrypted.has("EncryptedBody") || decrypted.has("Encryption"));
    }

    @Test
    void readsTheIvInEitherCasingAndFallsBackToTheRequests() throws Exception {
        // Tencent's API description and SDKs write "Iv"; an older sample writes "IV"; an answer may also omit it
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        final byte[] answer = answer(sessionKey, EnvelopeCrypto.seal(sessionKey, "{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8)), "\"TagList\": null");
        final String text = new String(answer, StandardCharsets.UTF_8);

        final String upperCase = text.replace("\"Iv\"", "\"IV\"");
        final String without = text.replaceAll("\"Iv\":\"[^\"]*\",", "");
        assertFalse(upperCase.contains("\"Iv\"") || without.contains("\"Iv\"") || without.contains("\"IV\""));
        for (final String variant : new String[]{text, upperCase, without}) {
            final JsonNode decrypted = OBJECT_MAPPER.readTree(EncryptedEnvelope.decryptResponse(variant.getBytes(StandardCharsets.UTF_8), sessionKey));
            assertEquals("x", decrypted.at("/Response/Name").asText());
        }
    }

    @Test
    void refusesAnswersThatDoNotDecrypt() throws Exception {
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.SM4_GCM, random);
        final EnvelopeCrypto.Sealed sealed = EnvelopeCrypto.seal(sessionKey, "{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        final String tag = "\"TagList\": [\"" + Base64.getEncoder().encodeToString(sealed.tag()) + "\"]";

        assertThrows(java.security.GeneralSecurityException.class, () -> EncryptedEnvelope.decryptResponse(answer(sessionKey, sealed, "\"TagList\": null"), sessionKey));
        final byte[] altered = sealed.ciphertext().clone();
        altered[0] ^= 1;
        assertThrows(java.security.GeneralSecurityException.class,
                () -> EncryptedEnvelope.decryptResponse(answer(sessionKey, new EnvelopeCrypto.Sealed(altered, sealed.tag()), tag), sessionKey));
        final SessionKey otherKey = SessionKey.generate(EnvelopeAlgorithm.SM4_GCM, random);
        assertThrows(java.security.GeneralSecurityException.class, () -> EncryptedEnvelope.decryptResponse(answer(sessionKey, sealed, tag), otherKey));
        assertEquals("x", OBJECT_MAPPER.readTree(EncryptedEnvelope.decryptResponse(answer(sessionKey, sealed, tag), sessionKey)).at("/Response/Name").asText());
    }

    @Test
    void passesErrorAnswersThrough() throws Exception {
        final byte[] error = "{\"Response\":{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"x\"},\"RequestId\":\"r\"}}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(error, EncryptedEnvelope.decryptResponse(error, SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random)));
    }

    @Test
    void refusesAnAesAnswerWhoseIvDiffersFromTheRequests() throws Exception {
        // in CBC the IV is not authenticated: a changed IV would silently change the first block of the decrypted fields
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        final byte[] answer = answer(sessionKey, EnvelopeCrypto.seal(sessionKey, "{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8)), "\"TagList\": null");
        final byte[] otherIv = sessionKey.iv();
        otherIv[0] ^= 1;
        final String changed = new String(answer, StandardCharsets.UTF_8)
                .replace(Base64.getEncoder().encodeToString(sessionKey.iv()), Base64.getEncoder().encodeToString(otherIv));
        final GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
                () -> EncryptedEnvelope.decryptAnswer(changed.getBytes(StandardCharsets.UTF_8), sessionKey));
        assertTrue(refused.getMessage().contains("Iv"));
    }

    @Test
    void refusesAnAnswerEncryptedWithAnotherAlgorithm() throws Exception {
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        final byte[] answer = answer(sessionKey, EnvelopeCrypto.seal(sessionKey, "{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8)), "\"TagList\": null");
        final String changed = new String(answer, StandardCharsets.UTF_8).replace("AES-256-CBC", "SM4-GCM");
        assertThrows(GeneralSecurityException.class, () -> EncryptedEnvelope.decryptAnswer(changed.getBytes(StandardCharsets.UTF_8), sessionKey));
    }

    @Test
    void tellsAPlainAnswerFromADecryptedOne() throws Exception {
        final SessionKey sessionKey = SessionKey.generate(EnvelopeAlgorithm.AES_256_CBC, random);
        assertNull(EncryptedEnvelope.decryptAnswer("{\"Response\":{\"Name\":\"x\",\"RequestId\":\"r\"}}".getBytes(StandardCharsets.UTF_8), sessionKey));
        final byte[] answer = answer(sessionKey, EnvelopeCrypto.seal(sessionKey, "{\"Name\":\"x\"}".getBytes(StandardCharsets.UTF_8)), "\"TagList\": null");
        assertEquals("x", OBJECT_MAPPER.readTree(EncryptedEnvelope.decryptAnswer(answer, sessionKey)).at("/Response/Name").asText());
    }

    private static byte[] answer(final SessionKey sessionKey, final EnvelopeCrypto.Sealed sealed, final String tagList) throws Exception {
        final ObjectNode response = (ObjectNode) OBJECT_MAPPER.readTree("{\"Name\":\"\",\"Sex\":\"\",\"IdNum\":\"\",\"Encryption\":{\"Algorithm\":\""
                + sessionKey.algorithm().tencentName() + "\",\"Iv\":\"" + Base64.getEncoder().encodeToString(sessionKey.iv()) + "\"," + tagList
                + "},\"RequestId\":\"req-1\"}");
        response.put("EncryptedBody", Base64.getEncoder().encodeToString(sealed.ciphertext()));
        return OBJECT_MAPPER.writeValueAsBytes(OBJECT_MAPPER.createObjectNode().set("Response", response));
    }

    static KeyPair rsaKeyPair() throws Exception {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair();
    }

    /** 04 || X || Y || C3 || C2 to SEQUENCE { INTEGER x, INTEGER y, OCTET STRING c3, OCTET STRING c2 } (GB/T 35276). */
    static byte[] c1c3c2ToAsn1(final byte[] blob) throws Exception {
        final ASN1EncodableVector vector = new ASN1EncodableVector();
        vector.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(blob, 1, 33))));
        vector.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(blob, 33, 65))));
        vector.add(new DEROctetString(Arrays.copyOfRange(blob, 65, 97)));
        vector.add(new DEROctetString(Arrays.copyOfRange(blob, 97, blob.length)));
        return new DERSequence(vector).getEncoded();
    }
}
