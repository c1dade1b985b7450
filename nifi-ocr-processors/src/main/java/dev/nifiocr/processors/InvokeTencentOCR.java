package dev.nifiocr.processors;

import dev.nifiocr.cache.CacheProperties;
import dev.nifiocr.cache.ResultCache;
import dev.nifiocr.migration.PropertyMigrations;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.RequestProperties;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.request.RequestVerification;
import dev.nifiocr.request.TencentAction;
import dev.nifiocr.service.api.TencentApiRequest;
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
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SupportsBatching
@Tags({"tencent", "tencent cloud", "ocr", "text recognition", "id card", "invoice", "table", "image", "pdf"})
@CapabilityDescription("Reads text, cards, invoices and tables in images and PDFs with Tencent Cloud OCR: calls the chosen OCR Action "
        + "with the FlowFile's image, PDF page, image URL or request JSON. Tencent's JSON answer (or, with Output Format Text, the "
        + "recognised text) goes to success, throttling and passing faults to retry, penalized; account, permission and input errors "
        + "go to failure with Tencent's error code and message as attributes (API 2018-11-19).")
@SeeAlso(value = {CompressImage.class, EncryptOCRPayload.class}, classNames = ServiceImplementation.CLASS_NAME)
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
        @WritesAttribute(attribute = OcrAttributes.BILLABLE, description = "true when Tencent bills the call (a result, or a failure its "
                + "billing page lists as billed, or one it does not list), false when it does not (e.g. FailedOperation.ImageNoText) "
                + "or the answer came from the Result Cache"),
        @WritesAttribute(attribute = OcrAttributes.CACHE_HIT, description = "With a Result Cache: true when the answer came from the "
                + "cache and cost no call, false when Tencent was called"),
        @WritesAttribute(attribute = "mime.type", description = "application/json on the success FlowFile; text/plain with Output Format Text"),
        @WritesAttribute(attribute = "filename", description = "On success and answer: the input's base name with .json, or .txt with Output Format Text")
})
@DynamicProperty(name = "Request parameter name, such as CardSide or PdfPageNumber",
        value = "The parameter's value; converted to the type Tencent declares for the Action (boolean, number, string), sent as the text typed where it declares none",
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
                        Set "Envelope Algorithm" (on the client service, set "Sensitive Data Encryption Enabled" to true, Tencent's matching public key and a Session Key Protection Secret)
                        and add the dynamic property "CardSide" = FRONT. Connect "success" to InvokeTencentOCR.
                        """),
                @ProcessorConfiguration(processorClass = InvokeTencentOCR.class, configuration = """
                        Set "OCR Action" to "RecognizeEncryptedIDCardOCR" and "Request Source" to "FlowFile Content as Request JSON".
                        The success FlowFile holds the decrypted answer (Response.Name, Response.IdNum, ...) with tencent.ocr.decrypted = true.
                        """)
        })
public class InvokeTencentOCR extends AbstractProcessor implements VerifiableProcessor {

    static final AllowableValue CUSTOM_ACTION_VALUE = ActionChoice.CUSTOM_ACTION_VALUE;

    public static final PropertyDescriptor CLIENT_SERVICE = CallProperties.CLIENT_SERVICE;

    public static final PropertyDescriptor OCR_ACTION = ActionChoice.OCR_ACTION;
    public static final PropertyDescriptor CUSTOM_ACTION = ActionChoice.CUSTOM_ACTION;

    public static final PropertyDescriptor API_VERSION = new PropertyDescriptor.Builder()
            .name("API Version")
            .description("The X-TC-Version of the OCR API. 2018-11-19 is the only version Tencent OCR has published; change it "
                    + "only when Tencent announces a new one.")
            .required(false)
            .defaultValue("2018-11-19")
            .addValidator(StandardValidators.createRegexMatchingValidator(Pattern.compile("\\d{4}-\\d{2}-\\d{2}")))
            .build();

    public static final PropertyDescriptor REQUEST_SOURCE = CallProperties.REQUEST_SOURCE;
    public static final PropertyDescriptor IMAGE_URL = CallProperties.IMAGE_URL;
    public static final PropertyDescriptor ALLOW_NON_PUBLIC_IMAGE_URLS = CallProperties.ALLOW_NON_PUBLIC_IMAGE_URLS;
    public static final PropertyDescriptor REQUEST_PARAMETERS = CallProperties.REQUEST_PARAMETERS;
    public static final PropertyDescriptor RETRY_ERROR_CODES = CallProperties.RETRY_ERROR_CODES;
    public static final PropertyDescriptor FAILURE_ERROR_CODES = CallProperties.FAILURE_ERROR_CODES;

    public static final PropertyDescriptor RESULT_CACHE = CacheProperties.RESULT_CACHE;
    public static final PropertyDescriptor MAXIMUM_CACHED_ANSWER_SIZE = CacheProperties.MAXIMUM_CACHED_ANSWER_SIZE;

    public static final PropertyDescriptor OUTPUT_FORMAT = AnswerFormat.OUTPUT_FORMAT;

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
                    + "timeouts, connection resets, malformed answers, or unexplained engine failures. Bound the tries with RetryFlowFile, "
                    + "or with NiFi's own [retry] on this relationship (which drops the retried attempts' SEND events: see additional details).")
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
            REQUEST_SOURCE,
            IMAGE_URL,
            ALLOW_NON_PUBLIC_IMAGE_URLS,
            REQUEST_PARAMETERS,
            OUTPUT_FORMAT,
            RETRY_ERROR_CODES,
            FAILURE_ERROR_CODES,
            RESULT_CACHE,
            MAXIMUM_CACHED_ANSWER_SIZE,
            API_VERSION
    );

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_ORIGINAL, REL_RETRY, REL_FAILURE, REL_ANSWER);

    private final CallGate gate = CallGate.billed();
    private volatile CallRouter router;
    private volatile TencentCall call;

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
        PropertyMigrations.enumNameToValue(config, REQUEST_SOURCE, RequestSource.class);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        // Output Format depends on the Action: it counts only while a text Action is chosen
        final boolean textOutput = AnswerFormat.TEXT_ACTIONS.contains(TencentAction.ocr(context.getProperty(OCR_ACTION).getValue()).orElse(null))
                && AnswerFormat.TEXT.getValue().equals(context.getProperty(OUTPUT_FORMAT).getValue());
        router = new CallRouter(new CallLedger(FailureRoute.withOverrides(context, getLogger(), REL_RETRY, REL_FAILURE)),
                new CallRouter.Routes(REL_SUCCESS, REL_ORIGINAL, REL_ANSWER), textOutput, context.hasConnection(REL_ANSWER));
        final DistributedMapCacheClient cache = context.getProperty(RESULT_CACHE).asControllerService(DistributedMapCacheClient.class);
        call = new TencentCall(router, cache == null ? null : new ResultCache(cache,
                context.getProperty(MAXIMUM_CACHED_ANSWER_SIZE).asDataSize(DataUnit.B).longValue(), getLogger()));
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final String actionName;
        try {
            actionName = ActionChoice.actionName(context, attributes);
        } catch (final InvalidRequestException e) {
            return RequestVerification.unresolvedAction(e);
        }
        return RequestVerification.verify(context, attributes, actionName);
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final TencentCloudClientService client = context.getProperty(CLIENT_SERVICE).asControllerService(TencentCloudClientService.class);
        // Take the budget and the permit before the FlowFile, so FlowFiles wait in the queue, not in memory.
        final CallGate.Pass pass = gate.enter(client, ActionChoice.knownBeforeFlowFile(context));
        if (pass == null) {
            context.yield();
            return;
        }
        try (pass) {
            if (callTencent(context, session, client)) {
                pass.billed();
            }
        }
    }

    /** @return whether a billable call was made */
    private boolean callTencent(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return false;
        }
        String actionName = CUSTOM_ACTION.getName();
        final TencentApiRequest request;
        try {
            actionName = ActionChoice.actionName(context, flowFile.getAttributes());
            flowFile = session.putAllAttributes(flowFile, Map.of(OcrAttributes.ACTION, actionName,
                    OcrAttributes.REGION, String.valueOf(client.getRegion()), OcrAttributes.ENDPOINT, String.valueOf(client.getEndpoint())));
            request = new TencentApiRequest(actionName, context.getProperty(API_VERSION).getValue(), buildPayload(context, session, flowFile, actionName));
        } catch (final InvalidRequestException e) {
            router.refused(context, session, flowFile, actionName, e);
            return false;
        }
        return call.send(context, session, client, flowFile, actionName, request);
    }

    private byte[] buildPayload(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                final String actionName) throws InvalidRequestException {
        RequestVerification.checkActionName(actionName);
        return RequestProperties.buildPayload(context, session, flowFile, RequestProperties.parameters(context, flowFile.getAttributes(), actionName));
    }
}
