package dev.nifiocr.processors;

import dev.nifiocr.crypto.EnvelopeAlgorithm;
import dev.nifiocr.crypto.OcrEncryption;
import dev.nifiocr.document.ContentName;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.migration.PropertyMigrations;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.OcrRequestBuilder;
import dev.nifiocr.request.RequestProperties;
import dev.nifiocr.request.RequestVerification;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SideEffectFree;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SideEffectFree
@SupportsBatching
@Tags({"tencent", "tencent cloud", "ocr", "encryption", "sensitive data", "id card", "aes", "rsa", "sm2", "sm4"})
@CapabilityDescription("Protects ID card images on their way to Tencent Cloud OCR: encrypts the request for RecognizeEncryptedIDCardOCR, "
        + "which InvokeTencentOCR sends and decrypts the answer of. It uses AES-256-CBC under Tencent's RSA key or SM4-GCM under its SM2 key. The request parameters (the "
        + "image as ImageBase64, or an Image URL, plus parameters such as CardSide) are encrypted with a fresh random key; the "
        + "output is Tencent's EncryptedBody/Encryption request.")
@SeeAlso(value = InvokeTencentOCR.class, classNames = ServiceImplementation.CLASS_NAME)
@WritesAttributes({
        @WritesAttribute(attribute = OcrAttributes.ENCRYPTION_ALGORITHM, description = "AES_256_CBC or SM4_GCM"),
        @WritesAttribute(attribute = OcrAttributes.ENCRYPTION_SESSION, description = "The request's session key and IV, encrypted "
                + "(AES-256-GCM) under the client service's Session Key Protection Secret; InvokeTencentOCR needs it to decrypt the answer"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CODE, description = "Why encryption failed, on failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_MESSAGE, description = "Why encryption failed, in words, on failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CATEGORY, description = "INPUT, or ACCOUNT when no key is configured, on failure"),
        @WritesAttribute(attribute = "mime.type", description = "application/json on success"),
        @WritesAttribute(attribute = "filename", description = "On success: the base name with .json, as the content is now the JSON request")
})
@DynamicProperty(name = "Request parameter name, such as CardSide or Config",
        value = "The parameter's value; converted to the type Tencent declares (boolean, number, string), sent as the text typed where it declares none",
        expressionLanguageScope = ExpressionLanguageScope.FLOWFILE_ATTRIBUTES,
        description = "Adds one request parameter inside the encrypted body, overriding the same name in Request Parameters.")
public class EncryptOCRPayload extends AbstractProcessor implements VerifiableProcessor {

    /** The only OCR Action that takes encrypted requests today; it types the parameters and bounds the image size. */
    static final OcrAction ENCRYPTED_ACTION = OcrAction.RecognizeEncryptedIDCardOCR;

    public static final PropertyDescriptor ENVELOPE_ALGORITHM = new PropertyDescriptor.Builder()
            .name("Envelope Algorithm")
            .description("How the request is encrypted; the client service must hold the matching Tencent public key.")
            .required(true)
            .allowableValues(EnvelopeAlgorithm.class)
            .defaultValue(EnvelopeAlgorithm.AES_256_CBC)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The encrypted request JSON, for InvokeTencentOCR with Request Source \"FlowFile Content as Request JSON\".")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The input, unchanged, when it cannot be encrypted: empty or oversize content, invalid parameters, or no key "
                    + "configured for the algorithm (the processor then yields).")
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            CallProperties.CLIENT_SERVICE,
            ENVELOPE_ALGORITHM,
            CallProperties.REQUEST_SOURCE,
            CallProperties.IMAGE_URL,
            CallProperties.ALLOW_NON_PUBLIC_IMAGE_URLS,
            CallProperties.REQUEST_PARAMETERS
    );

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    private final SecureRandom random = new SecureRandom();
    private volatile FailureRoute failureRoute;

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        PropertyMigrations.enumNameToValue(config, ENVELOPE_ALGORITHM, EnvelopeAlgorithm.class);
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return RequestProperties.dynamicParameter(propertyDescriptorName);
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final EnvelopeAlgorithm algorithm = context.getProperty(ENVELOPE_ALGORITHM).asAllowableValue(EnvelopeAlgorithm.class);
        final TencentCloudClientService client = context.getProperty(CallProperties.CLIENT_SERVICE).asControllerService(TencentCloudClientService.class);
        final String missing = client == null ? "the client service is not enabled" : encryption(client).missingKey(algorithm);
        final ConfigVerificationResult keys = new ConfigVerificationResult.Builder().verificationStepName("Find Encryption Keys")
                .outcome(missing == null ? ConfigVerificationResult.Outcome.SUCCESSFUL : ConfigVerificationResult.Outcome.FAILED)
                .explanation(missing == null ? "%s key and session key protection available".formatted(algorithm.tencentName()) : missing)
                .build();
        return List.of(keys, RequestVerification.parameterNames(context, attributes, ENCRYPTED_ACTION.name()));
    }

    @OnScheduled
    public void scheduleFailureRoute(final ProcessContext context) {
        failureRoute = FailureRoute.toFailure(getLogger(), REL_FAILURE);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final EnvelopeAlgorithm algorithm = context.getProperty(ENVELOPE_ALGORITHM).asAllowableValue(EnvelopeAlgorithm.class);
        final OcrEncryption encryption = encryption(context.getProperty(CallProperties.CLIENT_SERVICE).asControllerService(TencentCloudClientService.class));
        final String missing = encryption.missingKey(algorithm);
        final String subject = "Encryption with " + algorithm.tencentName();
        if (missing != null) {
            failureRoute.route(context, session, flowFile, subject, ErrorCatalogue.ENCRYPTION_NOT_CONFIGURED, missing);
            return;
        }

        byte[] plaintext = null;
        try {
            plaintext = RequestProperties.buildPayload(context, session, flowFile,
                    RequestProperties.parameters(context, flowFile.getAttributes(), ENCRYPTED_ACTION.name()));
            final OcrEncryption.EncryptedRequest request = encryption.encryptRequest(plaintext, algorithm);
            if (request.body().length > OcrRequestBuilder.MAX_REQUEST_BYTES) {
                throw new InvalidRequestException(ErrorCatalogue.IMAGE_TOO_LARGE, "Encrypted request is %,d bytes; API 3.0 accepts at most %,d: shrink the image with CompressImage"
                        .formatted(request.body().length, OcrRequestBuilder.MAX_REQUEST_BYTES));
            }
            flowFile = session.write(flowFile, out -> out.write(request.body()));
            flowFile = session.putAllAttributes(flowFile, Map.of(
                    OcrAttributes.ENCRYPTION_ALGORITHM, request.sessionKey().algorithm().name(),
                    OcrAttributes.ENCRYPTION_SESSION, request.sessionKey().value(),
                    CoreAttributes.MIME_TYPE.key(), ContentName.JSON.mimeType(),
                    CoreAttributes.FILENAME.key(), ContentName.JSON.filename(flowFile.getAttribute(CoreAttributes.FILENAME.key()))));
            flowFile = FailureRoute.clear(session, flowFile);
            session.adjustCounter("Payloads Encrypted " + algorithm.tencentName(), 1, false);
            session.transfer(flowFile, REL_SUCCESS);
        } catch (final InvalidRequestException e) {
            failureRoute.route(context, session, flowFile, subject, e.getErrorCode(), e.getMessage());
        } catch (final GeneralSecurityException e) {
            // the message names the algorithm step; it never holds key material
            failureRoute.route(context, session, flowFile, subject, ErrorCatalogue.ENCRYPTION_NOT_CONFIGURED, "Encryption failed: " + e.getMessage(), e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private OcrEncryption encryption(final TencentCloudClientService client) {
        return new OcrEncryption(client.getSensitiveDataKeys(), random);
    }
}
