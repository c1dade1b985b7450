package dev.nifiocr.processors;

import dev.nifiocr.document.RecognizedText;
import dev.nifiocr.error.Classification;
import dev.nifiocr.error.ErrorCategory;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.AllowableValue;
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
import org.apache.nifi.processor.util.StandardValidators;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@Tags({"tencent", "tencent cloud", "ocr", "text recognition", "id card", "invoice", "table", "image", "pdf"})
@CapabilityDescription("Calls any Action of Tencent Cloud OCR (API 2018-11-19) with the FlowFile's image, PDF page, image URL "
        + "or ready request JSON, and writes Tencent's JSON answer to a new FlowFile. Throttling and passing faults go to retry, "
        + "penalized; account, permission and input errors go to failure, each with Tencent's error code and message as attributes.")
@SeeAlso({StandardTencentCloudClientService.class, CompressImage.class, EncryptOCRPayload.class})
@WritesAttributes({
        @WritesAttribute(attribute = OcrAttributes.ACTION, description = "The OCR Action called"),
        @WritesAttribute(attribute = OcrAttributes.REGION, description = "The region the request was sent to"),
        @WritesAttribute(attribute = OcrAttributes.ENDPOINT, description = "The endpoint URL the request was sent to"),
        @WritesAttribute(attribute = OcrAttributes.REQUEST_ID, description = "Tencent's RequestId, for support tickets and the console's call log"),
        @WritesAttribute(attribute = OcrAttributes.HTTP_STATUS, description = "The HTTP status of the answer"),
        @WritesAttribute(attribute = OcrAttributes.DURATION_MILLIS, description = "Milliseconds from sending the request to reading the whole answer"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CODE, description = "Tencent's error code (e.g. FailedOperation.ImageDecodeFailed), "
                + "or this bundle's Client.* or HttpStatus.* code; removed on success"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_MESSAGE, description = "Why the call failed, in words"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CATEGORY, description = "THROTTLED, TRANSIENT, AMBIGUOUS, ACCOUNT, INPUT, NO_RESULT or UNKNOWN"),
        @WritesAttribute(attribute = OcrAttributes.DECRYPTED, description = "On the success FlowFile of a request from EncryptOCRPayload: "
                + "true when the answer was encrypted and has been decrypted, false when it came plain"),
        @WritesAttribute(attribute = "mime.type", description = "application/json on the success FlowFile; text/plain with Output Format Text")
})
@DynamicProperty(name = "Request parameter name, such as CardSide or PdfPageNumber",
        value = "The parameter's value; converted to the type Tencent declares for the Action (boolean, number, string)",
        expressionLanguageScope = ExpressionLanguageScope.FLOWFILE_ATTRIBUTES,
        description = "Adds one request parameter, overriding the same name in Request Parameters.")
@UseCase(description = "Recognize all printed text in scanned images or PDF pages.",
        keywords = {"ocr", "scan", "text", "pdf"},
        configuration = """
                Set "OCR Action" to "GeneralAccurateOCR" (or "GeneralBasicOCR" for 20 languages) and "Request Source" to "FlowFile Content as Image".
                For a PDF, add the dynamic property "PdfPageNumber" with the page to read; IsPdf is set automatically.
                Connect "retry" back to this processor (through RetryFlowFile to bound the tries) and "failure" to an error path.
                The text is in the success FlowFile's JSON at Response.TextDetections[*].DetectedText.
                """)
@UseCase(description = "Read the fields of Chinese resident ID cards.",
        keywords = {"id card", "identity", "kyc"},
        configuration = """
                Set "OCR Action" to "IDCardOCR" and add the dynamic property "CardSide" with FRONT or BACK.
                For quality warnings add "Config" with a JSON string such as {"CopyWarn":true,"ReshootWarn":true}.
                Fields such as Name and IdNum are at Response.Name, Response.IdNum of the success FlowFile.
                """)
@UseCase(description = "Recognize invoices and receipts of many kinds.",
        keywords = {"invoice", "receipt", "bill", "fapiao"},
        configuration = """
                Set "OCR Action" to "RecognizeGeneralInvoice"; optionally set "Request Parameters" to {"Types": [3]} to restrict the kinds.
                Each invoice found is an item of Response.MixedInvoiceItems of the success FlowFile.
                """)
@MultiProcessorUseCase(description = "Read Chinese ID cards from phone photos with end-to-end encryption of the image and the fields.",
        keywords = {"id card", "encryption", "sensitive data", "photo"},
        configurations = {
                @ProcessorConfiguration(processorClass = CompressImage.class, configuration = """
                        Keep the defaults; they make any phone photo fit. Connect "success" to EncryptOCRPayload.
                        """),
                @ProcessorConfiguration(processorClass = EncryptOCRPayload.class, configuration = """
                        Set "Envelope Algorithm" (the client service needs Tencent's matching public key and a Session Key Protection Secret)
                        and add the dynamic property "CardSide" = FRONT. Connect "success" to InvokeTencentOCR.
                        """),
                @ProcessorConfiguration(processorClass = InvokeTencentOCR.class, configuration = """
                        Set "OCR Action" to "RecognizeEncryptedIDCardOCR" and "Request Source" to "FlowFile Content as Request JSON".
                        The success FlowFile holds the decrypted answer (Response.Name, Response.IdNum, ...) with tencent.ocr.decrypted = true.
                        """)
        })
public class InvokeTencentOCR extends AbstractProcessor implements VerifiableProcessor {

    static final AllowableValue CUSTOM_ACTION_VALUE = new AllowableValue("CUSTOM", "Custom Action",
            "An Action not in this list, such as one Tencent added later, named in the Custom Action property.");

    public static final PropertyDescriptor CLIENT_SERVICE = new PropertyDescriptor.Builder()
            .name("Tencent Cloud Client Service")
            .description("The service holding the credentials, region, endpoint and rate limit.")
            .required(true)
            .identifiesControllerService(TencentCloudClientService.class)
            .build();

    public static final PropertyDescriptor OCR_ACTION = new PropertyDescriptor.Builder()
            .name("OCR Action")
            .description("The Tencent Cloud OCR Action to call, listed as category \u00b7 plain-English name (Action name); each "
                    + "choice's description says what it returns and its limits. PDF pages, OFD and jobs: additional details.")
            .required(true)
            .allowableValues(actionValues())
            .defaultValue(OcrAction.GeneralBasicOCR.getValue())
            .build();

    public static final PropertyDescriptor CUSTOM_ACTION = new PropertyDescriptor.Builder()
            .name("Custom Action")
            .description("Name of the Action to call, e.g. GeneralBasicOCR. Local size checks assume the 10 MB limit and "
                    + "parameter values are typed by their look (true/false, numbers, text).")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(OCR_ACTION, CUSTOM_ACTION_VALUE)
            .build();

    public static final PropertyDescriptor API_VERSION = new PropertyDescriptor.Builder()
            .name("API Version")
            .description("The X-TC-Version of the OCR API, a date such as 2018-11-19.")
            .required(true)
            .defaultValue("2018-11-19")
            .addValidator(StandardValidators.createRegexMatchingValidator(Pattern.compile("\\d{4}-\\d{2}-\\d{2}")))
            .build();

    public static final PropertyDescriptor REQUEST_SOURCE = new PropertyDescriptor.Builder()
            .name("Request Source")
            .description("What the request is built from.")
            .required(true)
            .allowableValues(RequestSource.class)
            .defaultValue(RequestSource.CONTENT_IMAGE)
            .build();

    public static final PropertyDescriptor IMAGE_URL = new PropertyDescriptor.Builder()
            .name("Image URL")
            .description("URL of the image for Tencent to download (within 3 seconds); Tencent's own COS storage is fastest.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(REQUEST_SOURCE, RequestSource.IMAGE_URL)
            .build();

    public static final PropertyDescriptor ALLOW_NON_PUBLIC_IMAGE_URLS = new PropertyDescriptor.Builder()
            .name("Allow Non-Public Image URLs")
            .description("When false (the default), an Image URL whose host is loopback, a private, link-local (cloud metadata) or "
                    + "other non-public address is refused before any request; only http and https are ever accepted. "
                    + "Set true only for an emulator or a private deployment that can reach such hosts.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .dependsOn(REQUEST_SOURCE, RequestSource.IMAGE_URL)
            .build();

    public static final PropertyDescriptor REQUEST_PARAMETERS = new PropertyDescriptor.Builder()
            .name("Request Parameters")
            .description("A JSON object of further request parameters, e.g. {\"LanguageType\": \"auto\", \"IsWords\": true}. "
                    + "Attribute values are JSON-escaped as Expression Language inserts them, so they cannot add keys: use them inside "
                    + "JSON strings, and pass whole JSON values through a dynamic property instead. "
                    + "Dynamic properties override its fields. IDCardOCR's Config is itself a JSON string: {\"Config\": \"{\\\"CopyWarn\\\":true}\"}.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor RETRY_ERROR_CODES = new PropertyDescriptor.Builder()
            .name("Retry Error Codes")
            .description("Comma-separated error codes to route to retry whatever their default route; a trailing * matches a "
                    + "prefix, e.g. FailedOperation.DownLoadError, ResourceUnavailable.*")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor FAILURE_ERROR_CODES = new PropertyDescriptor.Builder()
            .name("Failure Error Codes")
            .description("Comma-separated error codes to route to failure whatever their default route (this list wins over "
                    + "Retry Error Codes); a trailing * matches a prefix, e.g. FailedOperation.OcrFailed, FailedOperation.Image*")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor OUTPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Output Format")
            .description("What the success FlowFile holds for the general-text Actions: Tencent's JSON answer, or the recognised text.")
            .required(true)
            .allowableValues(AnswerFormat.class)
            .defaultValue(AnswerFormat.TENCENT_JSON)
            .dependsOn(OCR_ACTION, AnswerFormat.TEXT_ACTIONS.getFirst(), AnswerFormat.TEXT_ACTIONS.toArray(new OcrAction[0]))
            .build();

    public static final Relationship REL_ANSWER = new Relationship.Builder()
            .name("answer")
            .description("With Output Format Text: Tencent's whole JSON answer, as a second FlowFile with the success FlowFile's "
                    + "attributes. Written only when connected; auto-terminated by default.")
            .autoTerminateDefault(true)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("Tencent's JSON answer, as a new FlowFile with the input's attributes. Also answers saying the image "
                    + "has no text or no document of the requested kind (FailedOperation.ImageNoText and kin), with tencent.ocr.error.code set.")
            .build();

    public static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The input FlowFile, once its answer is on success (or, for an encrypted answer that did not decrypt, on failure).")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The input FlowFile, penalized, after throttling (the processor also yields), internal errors, HTTP 5xx, "
                    + "timeouts, connection resets, malformed answers, or unexplained engine failures. Bound the tries with RetryFlowFile.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The input FlowFile, not penalized, when retrying cannot help: bad input (corrupt, empty or oversize image, "
                    + "invalid parameters, a property value that fails for this FlowFile, an answer over the service's Maximum Answer Size) "
                    + "or account problems (credentials, permissions, billing; the processor also yields). Also a paid encrypted answer "
                    + "that did not decrypt, kept as received, while its input goes to original.")
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            CLIENT_SERVICE,
            OCR_ACTION,
            CUSTOM_ACTION,
            API_VERSION,
            REQUEST_SOURCE,
            IMAGE_URL,
            ALLOW_NON_PUBLIC_IMAGE_URLS,
            REQUEST_PARAMETERS,
            OUTPUT_FORMAT,
            RETRY_ERROR_CODES,
            FAILURE_ERROR_CODES
    );

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_RETRY, REL_FAILURE, REL_ANSWER);

    // Long enough to space requests at any sensible rate, short enough that a stopped processor stops promptly.
    private static final Duration PERMIT_WAIT = Duration.ofSeconds(1);
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");
    private static final String MIME_JSON = "application/json";
    private static final Set<String> ERROR_ATTRIBUTES = Set.of(OcrAttributes.ERROR_CODE, OcrAttributes.ERROR_MESSAGE, OcrAttributes.ERROR_CATEGORY);
    // what an earlier try of a retried FlowFile left behind, when this try got no answer
    private static final Set<String> CALL_ATTRIBUTES = Set.of(OcrAttributes.REQUEST_ID, OcrAttributes.HTTP_STATUS, OcrAttributes.DURATION_MILLIS);

    private volatile ErrorClassifier classifier;
    private volatile boolean textOutput;
    private volatile boolean answerConnected;

    private static AllowableValue[] actionValues() {
        final List<AllowableValue> values = new ArrayList<>();
        for (final OcrAction action : OcrAction.values()) {
            values.add(new AllowableValue(action.getValue(), action.getDisplayName(), action.getDescription()));
        }
        values.add(CUSTOM_ACTION_VALUE);
        return values.toArray(new AllowableValue[0]);
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
    public void migrateProperties(final PropertyConfiguration config) {
        RetiredActionMigration.migrate(config, OCR_ACTION, CUSTOM_ACTION, CUSTOM_ACTION_VALUE);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        classifier = new ErrorClassifier(ErrorClassifier.parseCodes(context.getProperty(RETRY_ERROR_CODES).getValue()),
                ErrorClassifier.parseCodes(context.getProperty(FAILURE_ERROR_CODES).getValue()));
        // Output Format depends on the Action: it counts only while a text Action is chosen
        textOutput = AnswerFormat.TEXT_ACTIONS.stream().anyMatch(action -> action.getValue().equals(context.getProperty(OCR_ACTION).getValue()))
                && AnswerFormat.TEXT.getValue().equals(context.getProperty(OUTPUT_FORMAT).getValue());
        answerConnected = context.hasConnection(REL_ANSWER);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final String actionName;
        try {
            actionName = actionName(context, attributes);
        } catch (final InvalidRequestException e) {
            results.add(new ConfigVerificationResult.Builder().verificationStepName("Resolve OCR Action")
                    .outcome(ConfigVerificationResult.Outcome.FAILED).explanation(e.getMessage()).build());
            return results;
        }
        final boolean validName = ACTION_NAME.matcher(actionName).matches();
        results.add(new ConfigVerificationResult.Builder().verificationStepName("Resolve OCR Action")
                .outcome(validName ? ConfigVerificationResult.Outcome.SUCCESSFUL : ConfigVerificationResult.Outcome.FAILED)
                .explanation(validName ? "Action [%s]".formatted(actionName) : "[%s] is not an Action name".formatted(actionName))
                .build());
        try {
            final byte[] sample = OcrRequestBuilder.fromParameters(RequestProperties.parameters(context, attributes, actionName));
            results.add(new ConfigVerificationResult.Builder().verificationStepName("Build Request Parameters")
                    .outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                    .explanation("Parameters besides the image: " + new String(sample, StandardCharsets.UTF_8))
                    .build());
        } catch (final InvalidRequestException e) {
            results.add(new ConfigVerificationResult.Builder().verificationStepName("Build Request Parameters")
                    .outcome(ConfigVerificationResult.Outcome.FAILED).explanation(e.getMessage()).build());
        }
        return results;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final TencentCloudClientService client = clientService(context);
        // Take the permit before the FlowFile, so no FlowFile waits in memory for the rate limit.
        if (!client.acquirePermit(permitAction(context), PERMIT_WAIT)) {
            context.yield();
            return;
        }
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }

        final String actionName;
        try {
            actionName = actionName(context, flowFile.getAttributes());
        } catch (final InvalidRequestException e) {
            routeError(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), CUSTOM_ACTION.getName(), e.getErrorCode(), e.getMessage());
            return;
        }
        flowFile = session.putAllAttributes(flowFile, Map.of(OcrAttributes.ACTION, actionName,
                OcrAttributes.REGION, String.valueOf(client.getRegion()), OcrAttributes.ENDPOINT, String.valueOf(client.getEndpoint())));
        final byte[] payload;
        try {
            payload = buildPayload(context, session, flowFile, actionName);
        } catch (final InvalidRequestException e) {
            routeError(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), actionName, e.getErrorCode(), e.getMessage());
            return;
        }
        final long started = System.nanoTime();
        try {
            final TencentApiResponse response = client.invoke(new TencentApiRequest(actionName, context.getProperty(API_VERSION).getValue(), payload));
            reportSend(session, flowFile, client, actionName, response.requestId(), response.durationMillis());
            route(context, session, flowFile, actionName, response);
        } catch (final TencentApiException e) {
            if (e.isRequestSent()) {
                reportSend(session, flowFile, client, actionName, null, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            routeError(context, session, session.removeAllAttributes(flowFile, CALL_ATTRIBUTES), actionName, e.getErrorCode(), e.getMessage());
        }
    }

    /**
     * Every request that reached the wire is a SEND and a call, whatever came back: Tencent may have processed and
     * billed it even when the answer timed out, broke off or was malformed.
     */
    private static void reportSend(final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                                   final String actionName, final String requestId, final long durationMillis) {
        session.adjustCounter(actionName + " Calls", 1, false);
        final String details = requestId == null ? "Action " + actionName : "Action %s, RequestId %s".formatted(actionName, requestId);
        session.getProvenanceReporter().send(flowFile, transitUri(client), details, durationMillis);
    }

    private byte[] buildPayload(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                final String actionName) throws InvalidRequestException {
        if (!ACTION_NAME.matcher(actionName).matches()) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "[%s] is not an Action name".formatted(actionName));
        }
        return RequestProperties.buildPayload(context, session, flowFile, RequestProperties.parameters(context, flowFile.getAttributes(), actionName));
    }

    private void route(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                       final TencentApiResponse response) {
        final Map<String, String> callAttributes = new HashMap<>();
        callAttributes.put(OcrAttributes.HTTP_STATUS, Integer.toString(response.httpStatus()));
        callAttributes.put(OcrAttributes.DURATION_MILLIS, Long.toString(response.durationMillis()));
        if (response.requestId() != null) {
            callAttributes.put(OcrAttributes.REQUEST_ID, response.requestId());
        }
        FlowFile original = session.putAllAttributes(flowFile, callAttributes);
        if (response.successful()) {
            original = session.removeAllAttributes(original, ERROR_ATTRIBUTES);
            final String protectedSessionKey = original.getAttribute(OcrAttributes.ENCRYPTION_SESSION);
            if (protectedSessionKey == null) {
                session.adjustCounter(actionName + " Succeeded", 1, false);
                transferAnswer(session, original, response.body(), Map.of());
                return;
            }
            try {
                final byte[] decrypted = ResponseDecryptor.decrypt(response.body(), original, clientService(context).getSensitiveDataKeys());
                session.adjustCounter(actionName + " Succeeded", 1, false);
                transferAnswer(session, original, decrypted == null ? response.body() : decrypted,
                        Map.of(OcrAttributes.DECRYPTED, Boolean.toString(decrypted != null)));
            } catch (final GeneralSecurityException | IllegalArgumentException e) {
                keepUndecryptedAnswer(session, original, actionName, response, e);
            }
            return;
        }

        final Classification classification = classifier.classify(response.errorCode());
        if (classification.outcome() == Outcome.SUCCESS) {
            session.adjustCounter(actionName + " No Result", 1, false);
            session.adjustCounter(actionName + " Error " + response.errorCode(), 1, false);
            transferAnswer(session, original, response.body(), errorAttributes(response.errorCode(), response.errorMessage(), classification));
            return;
        }
        routeError(context, session, original, actionName, response.errorCode(), explain(actionName, response));
    }

    private void transferAnswer(final ProcessSession session, final FlowFile original, final byte[] body,
                                final Map<String, String> extraAttributes) {
        FlowFile answer = session.create(original);
        answer = session.removeAttribute(answer, OcrAttributes.ENCRYPTION_SESSION);
        answer = session.write(answer, out -> out.write(body));
        answer = session.putAttribute(answer, CoreAttributes.MIME_TYPE.key(), MIME_JSON);
        answer = session.putAllAttributes(answer, extraAttributes);
        if (textOutput) {
            if (answerConnected) {
                session.transfer(session.clone(answer), REL_ANSWER);
            }
            answer = session.write(answer, out -> RecognizedText.write(body, out));
            answer = session.putAttribute(answer, CoreAttributes.MIME_TYPE.key(), "text/plain; charset=UTF-8");
        }
        session.transfer(answer, REL_SUCCESS);
        session.transfer(original, REL_ORIGINAL);
    }

    /**
     * The answer was paid for but does not decrypt (the protection secret changed, the answer was altered): it goes to
     * failure as it came, still encrypted, with the attributes needed to decrypt it later; the input goes to original.
     */
    private void keepUndecryptedAnswer(final ProcessSession session, final FlowFile original,
                                       final String actionName, final TencentApiResponse response, final Exception cause) {
        final String message = "Encrypted answer (RequestId %s) did not decrypt: %s; the answer is kept, still encrypted, as content"
                .formatted(response.requestId(), cause.getMessage());
        FlowFile answer = session.create(original);
        answer = session.write(answer, out -> out.write(response.body()));
        answer = session.putAttribute(answer, CoreAttributes.MIME_TYPE.key(), MIME_JSON);
        // always failure, whatever Retry Error Codes say: on retry the answer would come back here as a request
        answer = session.putAllAttributes(answer, errorAttributes(ErrorClassifier.DECRYPTION_FAILED, message,
                classifier.classify(ErrorClassifier.DECRYPTION_FAILED)));
        session.adjustCounter(actionName + " Error " + ErrorClassifier.DECRYPTION_FAILED, 1, false);
        getLogger().error("{} [{}] to failure: {} {}", actionName, ErrorClassifier.DECRYPTION_FAILED, message, answer);
        session.transfer(answer, REL_FAILURE);
        session.transfer(original, REL_ORIGINAL);
    }

    private void routeError(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final String actionName,
                            final String errorCode, final String errorMessage) {
        final Classification classification = classifier.classify(errorCode);
        session.adjustCounter(actionName + " Error " + errorCode, 1, false);
        FlowFile routed = session.putAllAttributes(flowFile, errorAttributes(errorCode, errorMessage, classification));
        if (classification.category() == ErrorCategory.THROTTLED) {
            session.adjustCounter(actionName + " Throttled", 1, false);
        }
        if (classification.yieldProcessor()) {
            context.yield();
        }
        if (classification.outcome() == Outcome.RETRY) {
            routed = session.penalize(routed);
            getLogger().warn("{} [{}] to retry: {} {}", actionName, errorCode, errorMessage, routed);
            session.transfer(routed, REL_RETRY);
        } else if (classification.category() == ErrorCategory.ACCOUNT) {
            getLogger().error("{} [{}] to failure; every request fails until the account or configuration is fixed: {} {}",
                    actionName, errorCode, errorMessage, routed);
            session.transfer(routed, REL_FAILURE);
        } else {
            getLogger().warn("{} [{}] to failure: {} {}", actionName, errorCode, errorMessage, routed);
            session.transfer(routed, REL_FAILURE);
        }
    }

    private static Map<String, String> errorAttributes(final String errorCode, final String errorMessage, final Classification classification) {
        return Map.of(OcrAttributes.ERROR_CODE, errorCode,
                OcrAttributes.ERROR_MESSAGE, errorMessage == null ? "" : errorMessage,
                OcrAttributes.ERROR_CATEGORY, classification.category().name());
    }

    /** Tencent's message, plus the CAM permission to grant when a sub-account lacks one. */
    private static String explain(final String actionName, final TencentApiResponse response) {
        final String message = response.errorMessage() == null ? "" : response.errorMessage();
        final String code = response.errorCode();
        if (code.equals("UnauthorizedOperation") || code.startsWith("UnauthorizedOperation.") || code.equals("AuthFailure.UnauthorizedOperation")) {
            return message + " (grant the sub-account the CAM permission ocr:" + actionName + ", e.g. with policy QcloudOCRFullAccess)";
        }
        return message;
    }

    private static String actionName(final ProcessContext context, final Map<String, String> attributes) throws InvalidRequestException {
        final String selected = context.getProperty(OCR_ACTION).getValue();
        if (!CUSTOM_ACTION_VALUE.getValue().equals(selected)) {
            return selected;
        }
        final String custom = PropertyValues.evaluate(context, CUSTOM_ACTION, attributes);
        return custom == null ? "" : custom.trim();
    }

    // the Action whose rate limit applies, when known before the FlowFile is taken; null: the service's shared limit
    private static String permitAction(final ProcessContext context) {
        final boolean perFlowFile = CUSTOM_ACTION_VALUE.getValue().equals(context.getProperty(OCR_ACTION).getValue())
                && context.getProperty(CUSTOM_ACTION).isExpressionLanguagePresent();
        if (perFlowFile) {
            return null;
        }
        try {
            return actionName(context, Map.of());
        } catch (final InvalidRequestException e) {
            return null; // the FlowFile then fails on the same evaluation, with the property named
        }
    }

    private static TencentCloudClientService clientService(final ProcessContext context) {
        return context.getProperty(CLIENT_SERVICE).asControllerService(TencentCloudClientService.class);
    }

    private static String transitUri(final TencentCloudClientService client) {
        return client.getEndpoint() + "/";
    }
}
