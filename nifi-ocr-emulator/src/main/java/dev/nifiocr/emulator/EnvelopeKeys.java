package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Tencent's side of the sensitive data envelope: the emulator's own RSA and SM2 key pairs (their public halves are what a
 * user puts into the client service), opening a request's session key and sealing the answer's fields with it.
 */
final class EnvelopeKeys {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    private final KeyPair rsa;
    private final KeyPair sm2;

    EnvelopeKeys() throws GeneralSecurityException {
        final KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(1024);
        this.rsa = rsaGenerator.generateKeyPair();
        final KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        ecGenerator.initialize(new ECGenParameterSpec("sm2p256v1"));
        this.sm2 = ecGenerator.generateKeyPair();
    }

    String rsaPublicKeyPem() {
        return pem(rsa.getPublic().getEncoded());
    }

    String sm2PublicKeyPem() {
        return pem(sm2.getPublic().getEncoded());
    }

    EnvelopeKey unwrap(final JsonNode encryption) throws GeneralSecurityException, IOException {
        final byte[] blob = Base64.getDecoder().decode(encryption.get("CiphertextBlob").asText());
        final JsonNode ivNode = encryption.has("Iv") ? encryption.get("Iv") : encryption.get("IV");
        final byte[] iv = Base64.getDecoder().decode(ivNode.asText());
        if ("SM4-GCM".equals(encryption.path("Algorithm").asText())) {
            final SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
            engine.init(false, PrivateKeyFactory.createKey(sm2.getPrivate().getEncoded()));
            try {
                return new EnvelopeKey(true, engine.processBlock(blob, 0, blob.length), iv);
            } catch (final org.bouncycastle.crypto.InvalidCipherTextException e) {
                throw new GeneralSecurityException("SM2 CiphertextBlob does not decrypt", e);
            }
        }
        final Cipher rsaCipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsaCipher.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
        return new EnvelopeKey(false, rsaCipher.doFinal(blob), iv);
    }

    /** The session key of one encrypted request, used to open the request and seal the answer's fields. */
    record EnvelopeKey(boolean sm4, byte[] key, byte[] iv) {

        byte[] open(final JsonNode request) throws GeneralSecurityException {
            final byte[] ciphertext = Base64.getDecoder().decode(request.get("EncryptedBody").asText());
            if (sm4) {
                final byte[] tag = Base64.getDecoder().decode(request.get("Encryption").get("TagList").get(0).asText());
                final byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
                System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
                return sm4Gcm(false, sealed);
            }
            final Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(ciphertext);
        }

        /** Moves the answer's fields into EncryptedBody and leaves empty strings in their place, as Tencent's example shows. */
        byte[] sealAnswer(final byte[] answer, final JsonNode requestEncryption) throws IOException {
            try {
                final ObjectNode root = (ObjectNode) OBJECT_MAPPER.readTree(answer);
                final ObjectNode response = (ObjectNode) root.get("Response");
                final String requestId = response.get("RequestId").asText();
                response.remove("RequestId");
                final byte[] fields = OBJECT_MAPPER.writeValueAsBytes(response);
                final ObjectNode encryption = requestEncryption.deepCopy();
                final byte[] ciphertext;
                if (sm4) {
                    final byte[] sealed = sm4Gcm(true, fields);
                    ciphertext = Arrays.copyOf(sealed, sealed.length - 16);
                    encryption.putArray("TagList").add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length)));
                } else {
                    final Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                    ciphertext = aes.doFinal(fields);
                    encryption.putNull("TagList");
                }
                final ObjectNode blanked = OBJECT_MAPPER.createObjectNode();
                response.fieldNames().forEachRemaining(name -> blanked.put(name, ""));
                blanked.put("EncryptedBody", Base64.getEncoder().encodeToString(ciphertext));
                blanked.set("Encryption", encryption);
                blanked.put("RequestId", requestId);
                root.set("Response", blanked);
                return OBJECT_MAPPER.writeValueAsBytes(root);
            } catch (final GeneralSecurityException e) {
                throw new IOException(e);
            }
        }

        private byte[] sm4Gcm(final boolean encrypt, final byte[] input) throws GeneralSecurityException {
            final GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
            gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, iv));
            final byte[] output = new byte[gcm.getOutputSize(input.length)];
            final int length = gcm.processBytes(input, 0, input.length, output, 0);
            try {
                gcm.doFinal(output, length);
            } catch (final org.bouncycastle.crypto.InvalidCipherTextException e) {
                throw new GeneralSecurityException("SM4-GCM tag mismatch", e);
            }
            return output;
        }
    }

    private static String pem(final byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }
}
