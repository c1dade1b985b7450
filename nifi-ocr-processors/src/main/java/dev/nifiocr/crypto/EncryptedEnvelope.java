package dev.nifiocr.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Tencent's sensitive data envelope. A request becomes
 * <pre>{"EncryptedBody": "&lt;Base64 of the encrypted parameter JSON&gt;",
 *  "Encryption": {"EncryptList": ["EncryptedBody"], "Algorithm": "AES-256-CBC", "CiphertextBlob": "&lt;Base64 wrapped key&gt;",
 *                 "Iv": "&lt;Base64 IV&gt;", "TagList": ["&lt;Base64 GCM tag&gt;"]}}</pre>
 * (TagList only for SM4-GCM). Tencent answers with the result fields encrypted, under the same key and IV, in
 * Response.EncryptedBody; {@link #decryptResponse} puts them back in place.
 */
public final class EncryptedEnvelope {

    public static final String ENCRYPTED_BODY = "EncryptedBody";
    public static final String ENCRYPTION = "Encryption";
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private EncryptedEnvelope() {
    }

    /** Encrypts the whole parameter JSON into the envelope that InvokeTencentOCR sends. */
    public static byte[] encryptRequest(final byte[] parametersJson, final SessionKey sessionKey, final PublicKey recipient,
                                        final SecureRandom random) throws GeneralSecurityException {
        final byte[] wrappedKey = EnvelopeCrypto.wrapKey(sessionKey, recipient, random);
        final EnvelopeCrypto.Sealed sealed = EnvelopeCrypto.seal(sessionKey, parametersJson);
        final ObjectNode request = OBJECT_MAPPER.createObjectNode();
        request.put(ENCRYPTED_BODY, BASE64.encodeToString(sealed.ciphertext()));
        final ObjectNode encryption = request.putObject(ENCRYPTION);
        encryption.putArray("EncryptList").add(ENCRYPTED_BODY);
        encryption.put("Algorithm", sessionKey.algorithm().tencentName());
        encryption.put("CiphertextBlob", BASE64.encodeToString(wrappedKey));
        encryption.put("Iv", BASE64.encodeToString(sessionKey.iv()));
        if (sealed.tag() != null) {
            encryption.putArray("TagList").add(BASE64.encodeToString(sealed.tag()));
        }
        try {
            return OBJECT_MAPPER.writeValueAsBytes(request);
        } catch (final IOException e) {
            throw new IllegalStateException("Write encrypted request failed", e);
        }
    }

    /** Whether a request JSON object is an encrypted envelope. */
    public static boolean isEncryptedRequest(final JsonNode request) {
        return request.path(ENCRYPTED_BODY).isTextual() && request.path(ENCRYPTION).isObject();
    }

    /**
     * Decrypts Response.EncryptedBody and sets its fields in Response in place of the empty placeholders; removes
     * EncryptedBody and Encryption. An answer without EncryptedBody (an error answer) is returned unchanged.
     *
     * @throws GeneralSecurityException when the body does not decrypt (wrong key, altered body, missing SM4-GCM tag)
     */
    public static byte[] decryptResponse(final byte[] responseBody, final SessionKey sessionKey) throws GeneralSecurityException {
        final byte[] decrypted = decryptAnswer(responseBody, sessionKey);
        return decrypted == null ? responseBody : decrypted;
    }

    /**
     * Like {@link #decryptResponse}, but null when the answer carries no Response.EncryptedBody, so a caller can tell a
     * decrypted answer from a plain one. The answer's Encryption must match what the request sent: the same Algorithm
     * and, when it names one, the same Iv (in AES-256-CBC the IV is not authenticated: a changed IV would silently change
     * the first 16 bytes of the plaintext).
     *
     * @throws GeneralSecurityException when the body does not decrypt, or its Algorithm or Iv differ from the request's
     */
    public static byte[] decryptAnswer(final byte[] responseBody, final SessionKey sessionKey) throws GeneralSecurityException {
        final JsonNode root;
        try {
            root = OBJECT_MAPPER.readTree(responseBody);
        } catch (final IOException e) {
            throw new GeneralSecurityException("Encrypted answer is not JSON", e);
        }
        final JsonNode response = root.path("Response");
        if (!response.isObject() || !response.path(ENCRYPTED_BODY).isTextual()) {
            return null;
        }
        final ObjectNode plainResponse = (ObjectNode) response;
        final JsonNode encryption = plainResponse.path(ENCRYPTION);
        final JsonNode algorithm = encryption.path("Algorithm");
        if (algorithm.isTextual() && !algorithm.textValue().equalsIgnoreCase(sessionKey.algorithm().tencentName())) {
            throw new GeneralSecurityException("Answer is encrypted with %s but the request used %s"
                    .formatted(algorithm.textValue(), sessionKey.algorithm().tencentName()));
        }
        final byte[] iv = encryption.hasNonNull("Iv") ? decode(encryption.get("Iv"), "Iv")
                : encryption.hasNonNull("IV") ? decode(encryption.get("IV"), "IV") : sessionKey.iv();
        if (!MessageDigest.isEqual(iv, sessionKey.iv())) {
            throw new GeneralSecurityException("Answer's Encryption.Iv differs from the IV the request sent");
        }
        final JsonNode tags = encryption.path("TagList");
        final byte[] tag = tags.isArray() && !tags.isEmpty() ? decode(tags.get(0), "TagList") : null;
        final byte[] plaintext = EnvelopeCrypto.open(sessionKey, iv, decode(plainResponse.get(ENCRYPTED_BODY), ENCRYPTED_BODY), tag);

        final JsonNode fields;
        try {
            fields = OBJECT_MAPPER.readTree(plaintext);
        } catch (final IOException e) {
            throw new GeneralSecurityException("Decrypted answer is not JSON", e);
        }
        if (!fields.isObject()) {
            throw new GeneralSecurityException("Decrypted answer is not a JSON object");
        }
        plainResponse.remove(ENCRYPTED_BODY);
        plainResponse.remove(ENCRYPTION);
        final Iterator<Map.Entry<String, JsonNode>> iterator = fields.fields();
        while (iterator.hasNext()) {
            final Map.Entry<String, JsonNode> field = iterator.next();
            plainResponse.set(field.getKey(), field.getValue());
        }
        try {
            return OBJECT_MAPPER.writeValueAsBytes(root);
        } catch (final IOException e) {
            throw new IllegalStateException("Write decrypted answer failed", e);
        }
    }

    private static byte[] decode(final JsonNode value, final String field) throws GeneralSecurityException {
        if (!value.isTextual()) {
            throw new GeneralSecurityException(field + " is not a Base64 string");
        }
        try {
            return BASE64_DECODER.decode(value.textValue());
        } catch (final IllegalArgumentException e) {
            throw new GeneralSecurityException(field + " is not valid Base64", e);
        }
    }
}
