package dev.nifiocr.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.service.api.SensitiveDataKeys;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The crypto entry point, against Tencent's side played with the JDK's own RSA and AES. */
class OcrEncryptionTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final byte[] PARAMETERS = "{\"ImageUrl\":\"https://example.com/id.jpg\",\"CardSide\":\"FRONT\"}".getBytes(StandardCharsets.UTF_8);
    private static final String FIELDS = "{\"Name\":\"Zhang San\",\"IdNum\":\"110101199001011234\"}";

    private final SecureRandom random = new SecureRandom();
    private final KeyPair tencent = EncryptedEnvelopeTest.rsaKeyPair();
    private final SensitiveDataKeys keys = new SensitiveDataKeys(tencent.getPublic(), null, SessionKeyVault.deriveProtectionKey(secret()));

    OcrEncryptionTest() throws Exception {
    }

    @Test
    void encryptsTheRequestAndDecryptsItsAnswerOnAnyNodeWithTheSameSecret() throws Exception {
        final OcrEncryption.EncryptedRequest request = new OcrEncryption(keys, random).encryptRequest(PARAMETERS, EnvelopeAlgorithm.AES_256_CBC);

        assertEquals(EnvelopeAlgorithm.AES_256_CBC, request.sessionKey().algorithm());
        assertFalse(request.sessionKey().toString().contains(request.sessionKey().value()), "toString hides the protected value");
        final byte[] answer = tencentAnswers(request.body());
        // another node: a new instance with the same service keys
        final byte[] decrypted = new OcrEncryption(keys, new SecureRandom()).decryptAnswer(answer, request.sessionKey());
        final JsonNode response = OBJECT_MAPPER.readTree(decrypted).get("Response");
        assertEquals("Zhang San", response.get("Name").asText());
        assertEquals("110101199001011234", response.get("IdNum").asText());
        assertFalse(response.has("EncryptedBody"));
    }

    @Test
    void readsTheProtectedKeyBackFromItsAttributeValues() throws Exception {
        final OcrEncryption encryption = new OcrEncryption(keys, random);
        final OcrEncryption.EncryptedRequest request = encryption.encryptRequest(PARAMETERS, EnvelopeAlgorithm.AES_256_CBC);
        final ProtectedSessionKey carried = ProtectedSessionKey.of(request.sessionKey().algorithm().name(), request.sessionKey().value());

        assertEquals(request.sessionKey(), carried);
        assertNull(encryption.decryptAnswer("{\"Response\":{\"Name\":\"plain\",\"RequestId\":\"r\"}}".getBytes(StandardCharsets.UTF_8), carried),
                "a plain answer is not decrypted");
        assertThrows(GeneralSecurityException.class, () -> ProtectedSessionKey.of(null, "x"));
        assertThrows(GeneralSecurityException.class, () -> ProtectedSessionKey.of("AES_256_CBC", null));
        assertThrows(GeneralSecurityException.class, () -> ProtectedSessionKey.of("ROT13", "x"));
        assertThrows(GeneralSecurityException.class, () -> encryption.decryptAnswer(tencentAnswers(request.body()),
                new ProtectedSessionKey(EnvelopeAlgorithm.AES_256_CBC, "not base64!")));
    }

    @Test
    void refusesAnAnswerUnderAnotherSecretOrWithoutOne() throws Exception {
        final OcrEncryption.EncryptedRequest request = new OcrEncryption(keys, random).encryptRequest(PARAMETERS, EnvelopeAlgorithm.AES_256_CBC);
        final byte[] answer = tencentAnswers(request.body());

        final SensitiveDataKeys otherSecret = new SensitiveDataKeys(tencent.getPublic(), null, SessionKeyVault.deriveProtectionKey(secret()));
        assertThrows(GeneralSecurityException.class, () -> new OcrEncryption(otherSecret, random).decryptAnswer(answer, request.sessionKey()));
        final SensitiveDataKeys noSecret = new SensitiveDataKeys(tencent.getPublic(), null, null);
        assertThrows(GeneralSecurityException.class, () -> new OcrEncryption(noSecret, random).decryptAnswer(answer, request.sessionKey()));
    }

    /** In AES-256-CBC the IV is not authenticated: an answer naming another IV than the request's is refused, not decrypted wrong. */
    @Test
    void refusesAnAnswerWhoseIvIsNotTheRequests() throws Exception {
        final OcrEncryption encryption = new OcrEncryption(keys, random);
        final OcrEncryption.EncryptedRequest request = encryption.encryptRequest(PARAMETERS, EnvelopeAlgorithm.AES_256_CBC);
        final ObjectNode answer = (ObjectNode) OBJECT_MAPPER.readTree(tencentAnswers(request.body()));
        ((ObjectNode) answer.at("/Response/Encryption")).put("Iv", Base64.getEncoder().encodeToString(new byte[16]));

        final GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> encryption.decryptAnswer(OBJECT_MAPPER.writeValueAsBytes(answer), request.sessionKey()));
        assertTrue(e.getMessage().contains("Iv"), e.getMessage());
    }

    /** The words name the client service's properties, so a user finds what to set. */
    @Test
    void namesTheMissingPropertyOfTheClientService() {
        final OcrEncryption noSm2 = new OcrEncryption(keys, random);
        assertNull(noSm2.missingKey(EnvelopeAlgorithm.AES_256_CBC));
        assertTrue(noSm2.missingKey(EnvelopeAlgorithm.SM4_GCM).contains("[" + StandardTencentCloudClientService.SM2_PUBLIC_KEY.getName() + "]"));
        final OcrEncryption nothing = new OcrEncryption(new SensitiveDataKeys(null, null, null), random);
        assertTrue(nothing.missingKey(EnvelopeAlgorithm.AES_256_CBC).contains("[" + StandardTencentCloudClientService.RSA_PUBLIC_KEY.getName() + "]"));
        final OcrEncryption noSecret = new OcrEncryption(new SensitiveDataKeys(tencent.getPublic(), null, null), random);
        assertTrue(noSecret.missingKey(EnvelopeAlgorithm.AES_256_CBC).contains("[" + StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET.getName() + "]"));
        assertThrows(GeneralSecurityException.class, () -> noSecret.encryptRequest(PARAMETERS, EnvelopeAlgorithm.AES_256_CBC));
    }

    /** Tencent's side: unwrap the key with the RSA private key, read the request, answer with the fields under the same key and IV. */
    private byte[] tencentAnswers(final byte[] requestBody) throws Exception {
        final JsonNode request = OBJECT_MAPPER.readTree(requestBody);
        final Base64.Decoder base64 = Base64.getDecoder();
        final Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding", "SunJCE");
        rsa.init(Cipher.DECRYPT_MODE, tencent.getPrivate());
        final byte[] key = rsa.doFinal(base64.decode(request.at("/Encryption/CiphertextBlob").asText()));
        final byte[] iv = base64.decode(request.at("/Encryption/Iv").asText());
        final Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding", "SunJCE");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        assertEquals(OBJECT_MAPPER.readTree(PARAMETERS), OBJECT_MAPPER.readTree(aes.doFinal(base64.decode(request.get("EncryptedBody").asText()))));
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        final ObjectNode response = OBJECT_MAPPER.createObjectNode();
        response.put("Name", "").put("IdNum", "");
        response.put("EncryptedBody", Base64.getEncoder().encodeToString(aes.doFinal(FIELDS.getBytes(StandardCharsets.UTF_8))));
        response.putObject("Encryption").put("Algorithm", "AES-256-CBC").put("Iv", Base64.getEncoder().encodeToString(iv));
        response.put("RequestId", "req-1");
        return OBJECT_MAPPER.writeValueAsBytes(OBJECT_MAPPER.createObjectNode().set("Response", response));
    }

    private String secret() {
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
