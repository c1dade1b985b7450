package dev.nifiocr.processors;

import dev.nifiocr.crypto.EncryptedEnvelope;
import dev.nifiocr.crypto.EnvelopeAlgorithm;
import dev.nifiocr.crypto.SessionKey;
import dev.nifiocr.crypto.SessionKeyVault;
import dev.nifiocr.service.api.SensitiveDataKeys;
import org.apache.nifi.flowfile.FlowFile;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/** Decrypts the answer to a request EncryptOCRPayload encrypted, with the session key protected in the FlowFile's attributes. */
final class ResponseDecryptor {

    private ResponseDecryptor() {
    }

    /** @return the decrypted answer, or null when the answer carries nothing encrypted (a plain answer) */
    static byte[] decrypt(final byte[] body, final FlowFile flowFile, final SensitiveDataKeys keys) throws GeneralSecurityException {
        if (keys.sessionKeyProtection() == null) {
            throw new GeneralSecurityException("the client service has no Session Key Protection Secret");
        }
        final String algorithmName = flowFile.getAttribute(OcrAttributes.ENCRYPTION_ALGORITHM);
        if (algorithmName == null) {
            throw new GeneralSecurityException("attribute " + OcrAttributes.ENCRYPTION_ALGORITHM + " is missing");
        }
        final EnvelopeAlgorithm algorithm;
        try {
            algorithm = EnvelopeAlgorithm.valueOf(algorithmName);
        } catch (final IllegalArgumentException e) {
            throw new GeneralSecurityException("attribute %s names no algorithm of this bundle".formatted(OcrAttributes.ENCRYPTION_ALGORITHM), e);
        }
        final byte[] protectedKey = Base64.getDecoder().decode(flowFile.getAttribute(OcrAttributes.ENCRYPTION_SESSION));
        final SessionKey sessionKey = new SessionKeyVault(keys.sessionKeyProtection(), new SecureRandom()).unprotect(protectedKey, algorithm);
        try {
            return EncryptedEnvelope.decryptAnswer(body, sessionKey);
        } finally {
            sessionKey.destroy();
        }
    }
}
