package dev.nifiocr.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reads Tencent's public keys as they are handed out: PEM text ("PUBLIC KEY" or PKCS#1 "RSA PUBLIC KEY"), or the
 * Base64 of that PEM text, or the Base64 of the DER SubjectPublicKeyInfo.
 */
public final class PublicKeyReader {

    private static final String PEM_BEGIN = "-----BEGIN";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PublicKeyReader() {
    }

    /** Reads an RSA public key. @throws IllegalArgumentException saying what is wrong */
    public static PublicKey readRsa(final String text) {
        final SubjectPublicKeyInfo info = read(text);
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
            throw new IllegalArgumentException("Not an RSA public key (algorithm %s)".formatted(info.getAlgorithm().getAlgorithm()));
        }
        return convert(info);
    }

    /** Reads an SM2 public key (an EC key on curve sm2p256v1). @throws IllegalArgumentException saying what is wrong */
    public static PublicKey readSm2(final String text) {
        final SubjectPublicKeyInfo info = read(text);
        final AlgorithmIdentifier algorithm = info.getAlgorithm();
        final boolean sm2Curve = algorithm.getParameters() instanceof ASN1ObjectIdentifier curve && GMObjectIdentifiers.sm2p256v1.equals(curve);
        if (!sm2Curve && !GMObjectIdentifiers.sm2p256v1.equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException("Not an SM2 public key: the key is not on curve sm2p256v1");
        }
        return convert(info);
    }

    private static SubjectPublicKeyInfo read(final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Public key is empty");
        }
        final String trimmed = text.strip();
        if (trimmed.startsWith(PEM_BEGIN)) {
            return parsePem(trimmed);
        }
        final byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(WHITESPACE.matcher(trimmed).replaceAll(""));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Public key is neither PEM text nor Base64: " + e.getMessage(), e);
        }
        final String decodedText = new String(decoded, StandardCharsets.US_ASCII).strip();
        if (decodedText.startsWith(PEM_BEGIN)) {
            return parsePem(decodedText);
        }
        try {
            return SubjectPublicKeyInfo.getInstance(decoded);
        } catch (final IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("Base64 public key is neither PEM text nor a DER SubjectPublicKeyInfo", e);
        }
    }

    private static SubjectPublicKeyInfo parsePem(final String pem) {
        final Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (final IOException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("Public key PEM is malformed: " + e.getMessage(), e);
        }
        if (object instanceof SubjectPublicKeyInfo info) {
            return info;
        }
        // in words: BouncyCastle's class names (PEMKeyPair, X509CertificateHolder) mean nothing in Verify
        final String held = object == null ? "nothing" : object instanceof X509CertificateHolder ? "a certificate"
                : object instanceof PEMKeyPair || object instanceof PrivateKeyInfo || object instanceof PEMEncryptedKeyPair ? "a private key" : "another kind of object";
        throw new IllegalArgumentException("The PEM holds %s, not a public key (BEGIN PUBLIC KEY)".formatted(held));
    }

    private static PublicKey convert(final SubjectPublicKeyInfo info) {
        try {
            return new JcaPEMKeyConverter().setProvider(EnvelopeCrypto.BOUNCY_CASTLE).getPublicKey(info);
        } catch (final PEMException e) {
            throw new IllegalArgumentException("Public key is malformed: " + e.getMessage(), e);
        }
    }
}
