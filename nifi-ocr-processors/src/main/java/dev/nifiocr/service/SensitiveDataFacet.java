package dev.nifiocr.service;

import dev.nifiocr.crypto.ProtectionSecret;
import dev.nifiocr.crypto.PublicKeyReader;
import dev.nifiocr.crypto.SessionKeyVault;
import dev.nifiocr.migration.PropertyMigrations;
import dev.nifiocr.service.api.SensitiveDataKeys;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;

import java.security.PublicKey;
import java.util.Collection;
import java.util.function.Supplier;

/** The client service's keys for sensitive data encryption: Tencent's public keys and the session key protection secret. */
final class SensitiveDataFacet {

    private static final SensitiveDataKeys NO_KEYS = new SensitiveDataKeys(null, null, null);

    static final PropertyDescriptor SENSITIVE_DATA_ENCRYPTION = new PropertyDescriptor.Builder()
            .name("Sensitive Data Encryption Enabled")
            .description("When true, the service holds Tencent's public keys for EncryptOCRPayload, which encrypts requests and "
                    + "answers end to end (Actions such as RecognizeEncryptedIDCardOCR). Leave false when no flow uses EncryptOCRPayload.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor RSA_PUBLIC_KEY = new PropertyDescriptor.Builder()
            .name("RSA Public Key")
            .description("Tencent's RSA public key for sensitive data encryption with AES-256-CBC (EncryptOCRPayload), as PEM text "
                    + "(BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY) or the Base64 of that PEM, as Tencent OCR support hands it out.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SENSITIVE_DATA_ENCRYPTION, "true")
            .build();

    static final PropertyDescriptor SM2_PUBLIC_KEY = new PropertyDescriptor.Builder()
            .name("SM2 Public Key")
            .description("Tencent's SM2 public key for sensitive data encryption with SM4-GCM (EncryptOCRPayload), as PEM text "
                    + "or the Base64 of that PEM.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SENSITIVE_DATA_ENCRYPTION, "true")
            .build();

    static final PropertyDescriptor SESSION_KEY_PROTECTION_SECRET = new PropertyDescriptor.Builder()
            .name("Session Key Protection Secret")
            .description("At least 32 random bytes as Base64 or hex, e.g. the output of `openssl rand -base64 32`, the same on "
                    + "every node, that protects each request's encryption key between EncryptOCRPayload and InvokeTencentOCR (so the "
                    + "answer can be decrypted after a restart or on another node). Passphrases are refused: they can be guessed offline "
                    + "from any output FlowFile. Required when a public key is set. Changing it makes queued encrypted FlowFiles undecryptable.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SENSITIVE_DATA_ENCRYPTION, "true")
            .build();

    private volatile SensitiveDataKeys keys = NO_KEYS;

    static void validate(final PropertyContext context, final Collection<ValidationResult> results) {
        try {
            resolve(context);
        } catch (final IllegalArgumentException e) {
            results.add(new ValidationResult.Builder().subject("Sensitive Data Encryption").valid(false).explanation(e.getMessage()).build());
        }
    }

    static void migrate(final PropertyConfiguration config) {
        PropertyMigrations.switchOnWhenAnySet(config, SENSITIVE_DATA_ENCRYPTION, RSA_PUBLIC_KEY, SM2_PUBLIC_KEY, SESSION_KEY_PROTECTION_SECRET);
    }

    void start(final PropertyContext context) {
        keys = resolve(context);
    }

    void stop() {
        keys = NO_KEYS;
    }

    SensitiveDataKeys keys() {
        return keys;
    }

    /** Verify's "Parse Public Keys" step. */
    static ConfigVerificationResult verify(final PropertyContext context) {
        try {
            final SensitiveDataKeys parsed = resolve(context);
            final String explanation = parsed.rsaPublicKey() == null && parsed.sm2PublicKey() == null
                    ? "[%s] is false: EncryptOCRPayload cannot use this service".formatted(SENSITIVE_DATA_ENCRYPTION.getName())
                    : "RSA public key %s, SM2 public key %s, session key protection secret set".formatted(
                    parsed.rsaPublicKey() == null ? "not set" : "parsed", parsed.sm2PublicKey() == null ? "not set" : "parsed");
            return VerificationFacet.step("Parse Public Keys", Outcome.SUCCESSFUL, explanation);
        } catch (final IllegalArgumentException e) {
            return VerificationFacet.step("Parse Public Keys", Outcome.FAILED, e.getMessage());
        }
    }

    private static SensitiveDataKeys resolve(final PropertyContext context) {
        if (!context.getProperty(SENSITIVE_DATA_ENCRYPTION).asBoolean()) {
            return NO_KEYS;
        }
        final String rsaText = context.getProperty(RSA_PUBLIC_KEY).getValue();
        final String sm2Text = context.getProperty(SM2_PUBLIC_KEY).getValue();
        final String secret = context.getProperty(SESSION_KEY_PROTECTION_SECRET).getValue();
        final PublicKey rsa = rsaText == null ? null : readKey(RSA_PUBLIC_KEY, () -> PublicKeyReader.readRsa(rsaText));
        final PublicKey sm2 = sm2Text == null ? null : readKey(SM2_PUBLIC_KEY, () -> PublicKeyReader.readSm2(sm2Text));
        if (rsa == null && sm2 == null) {
            throw new IllegalArgumentException("[%s] is true: set [%s] or [%s]".formatted(SENSITIVE_DATA_ENCRYPTION.getName(),
                    RSA_PUBLIC_KEY.getName(), SM2_PUBLIC_KEY.getName()));
        }
        if (secret == null) {
            throw new IllegalArgumentException("[%s] is required when a public key is set: generate one with [%s]"
                    .formatted(SESSION_KEY_PROTECTION_SECRET.getName(), ProtectionSecret.GENERATE_COMMAND));
        }
        return new SensitiveDataKeys(rsa, sm2, SessionKeyVault.deriveProtectionKey(secret));
    }

    private static PublicKey readKey(final PropertyDescriptor property, final Supplier<PublicKey> reader) {
        try {
            return reader.get();
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("[%s] is invalid: %s".formatted(property.getName(), e.getMessage()), e);
        }
    }
}
