package dev.nifiocr.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays Tencent for RecognizeEncryptedIDCardOCR: decrypts the request with the private keys (JDK providers for RSA/AES,
 * Bouncy Castle's lightweight engines for SM2/SM4), and answers with the given fields encrypted under the request's key and IV.
 */
public final class EncryptedAnswers extends Dispatcher {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final PrivateKey rsaPrivateKey;
    private final PrivateKey sm2PrivateKey;
    private final String fields;
    private final AtomicReference<JsonNode> lastPlaintext = new AtomicReference<>();

    public EncryptedAnswers(final PrivateKey rsaPrivateKey, final PrivateKey sm2PrivateKey, final String fields) {
        this.rsaPrivateKey = rsaPrivateKey;
        this.sm2PrivateKey = sm2PrivateKey;
        this.fields = fields;
    }

    /** The decrypted parameters of the last request. */
    public JsonNode lastPlaintext() {
        return lastPlaintext.get();
    }

    @Override
    public MockResponse dispatch(final RecordedRequest request) {
        try {
            final JsonNode body = OBJECT_MAPPER.readTree(request.getBody().toByteArray());
            final JsonNode encryption = body.get("Encryption");
            final byte[] blob = DECODER.decode(encryption.get("CiphertextBlob").asText());
            final byte[] iv = DECODER.decode(encryption.get("Iv").asText());
            final byte[] ciphertext = DECODER.decode(body.get("EncryptedBody").asText());
            final ObjectNode answerEncryption = ((ObjectNode) encryption).deepCopy();
            final byte[] encryptedFields;
            if ("SM4-GCM".equals(encryption.get("Algorithm").asText())) {
                final SM2Engine sm2 = new SM2Engine(SM2Engine.Mode.C1C3C2);
                sm2.init(false, PrivateKeyFactory.createKey(sm2PrivateKey.getEncoded()));
                final byte[] key = sm2.processBlock(blob, 0, blob.length);
                final byte[] tag = DECODER.decode(encryption.get("TagList").get(0).asText());
                final byte[] sealed = new byte[ciphertext.length + tag.length];
                System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
                System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
                lastPlaintext.set(OBJECT_MAPPER.readTree(sm4Gcm(false, key, iv, sealed)));
                final byte[] answer = sm4Gcm(true, key, iv, fields.getBytes(StandardCharsets.UTF_8));
                encryptedFields = java.util.Arrays.copyOf(answer, answer.length - 16);
                answerEncryption.putArray("TagList").add(ENCODER.encodeToString(java.util.Arrays.copyOfRange(answer, answer.length - 16, answer.length)));
            } else {
                final Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding", "SunJCE");
                rsa.init(Cipher.DECRYPT_MODE, rsaPrivateKey);
                final byte[] key = rsa.doFinal(blob);
                final Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding", "SunJCE");
                aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                lastPlaintext.set(OBJECT_MAPPER.readTree(aes.doFinal(ciphertext)));
                aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                encryptedFields = aes.doFinal(fields.getBytes(StandardCharsets.UTF_8));
                answerEncryption.putNull("TagList");
            }
            final ObjectNode response = OBJECT_MAPPER.createObjectNode();
            response.put("Name", "").put("Sex", "").put("IdNum", "");
            response.put("EncryptedBody", ENCODER.encodeToString(encryptedFields));
            response.set("Encryption", answerEncryption);
            response.put("RequestId", "encrypted-request-1");
            return new MockResponse.Builder().body(OBJECT_MAPPER.writeValueAsString(OBJECT_MAPPER.createObjectNode().set("Response", response))).build();
        } catch (final IOException | GeneralSecurityException | InvalidCipherTextException | RuntimeException e) {
            return new MockResponse.Builder().code(500).body("emulator could not decrypt: " + e).build();
        }
    }

    private static byte[] sm4Gcm(final boolean encrypt, final byte[] key, final byte[] iv, final byte[] input) throws InvalidCipherTextException {
        final GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv));
        final byte[] output = new byte[gcm.getOutputSize(input.length)];
        final int length = gcm.processBytes(input, 0, input.length, output, 0);
        gcm.doFinal(output, length);
        return output;
    }
}
