package dev.nifiocr.crypto;

import org.apache.nifi.components.DescribedValue;

/** The symmetric algorithms of Tencent's sensitive data encryption, with the public key algorithm that wraps their keys. */
public enum EnvelopeAlgorithm implements DescribedValue {
    AES_256_CBC("AES-256-CBC", 32, 16, "AES-256-CBC with PKCS#7 padding; the 32-byte key is wrapped with Tencent's RSA public key (PKCS#1 v1.5)."),
    SM4_GCM("SM4-GCM", 16, 12, "SM4-GCM (Chinese national standard); the 16-byte key is wrapped with Tencent's SM2 public key (C1C3C2); the tag travels in TagList.");

    private final String tencentName;
    private final int keyLength;
    private final int ivLength;
    private final String description;

    EnvelopeAlgorithm(final String tencentName, final int keyLength, final int ivLength, final String description) {
        this.tencentName = tencentName;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.description = description;
    }

    /** Tencent's name is the value, so the saved flow and the property's tooltip read as the list does. */
    @Override
    public String getValue() {
        return tencentName;
    }

    @Override
    public String getDisplayName() {
        return tencentName;
    }

    @Override
    public String getDescription() {
        return description;
    }

    /** The name in Encryption.Algorithm. */
    public String tencentName() {
        return tencentName;
    }

    public int keyLength() {
        return keyLength;
    }

    public int ivLength() {
        return ivLength;
    }
}
