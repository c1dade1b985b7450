package dev.nifiocr.service.api;

import javax.crypto.SecretKey;

import java.security.PublicKey;

/**
 * Keys for Tencent's sensitive data encryption (RecognizeEncryptedIDCardOCR).
 *
 * @param rsaPublicKey Tencent's RSA public key that wraps AES-256-CBC session keys, or null when not configured
 * @param sm2PublicKey Tencent's SM2 public key that wraps SM4-GCM session keys, or null when not configured
 * @param sessionKeyProtection the key that protects session keys while a FlowFile travels from EncryptOCRPayload to
 *                             InvokeTencentOCR; derived from a secret set on the service, so every node derives the same
 */
public record SensitiveDataKeys(PublicKey rsaPublicKey, PublicKey sm2PublicKey, SecretKey sessionKeyProtection) {

    @Override
    public String toString() {
        return "SensitiveDataKeys[rsa=" + (rsaPublicKey != null) + ", sm2=" + (sm2PublicKey != null)
                + ", sessionKeyProtection=" + (sessionKeyProtection != null) + "]";
    }
}
