package dev.nifiocr.processors;

import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.DocumentParsingRequest;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.LkeapAction;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.RequestProperties;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.flowfile.attributes.FragmentAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"tencent", "ocr", "async", "job", "submit", "document", "pdf", "extraction"})
@CapabilityDescription("Submits an asynchronous Tencent Cloud OCR or document parsing job and writes its job id to tencent.ocr.job.id. "
        + "Job Actions: the OCR Submit...Job Actions, such as SubmitExtractDocAgentJob, and CreateReconstructDocumentFlow of Tencent's "
        + "document parsing service lkeap, which turns a whole PDF into Markdown. The Action that reads the job is in tencent.ocr.job.action. "
        + "GetTencentOCRJobStatus then follows the job to its whole result. Throttling and Tencent's limits on jobs make the "
        + "processor wait (yield) and send the FlowFile to retry, penalized: a busy account slows the flow down, it does not fail it.")
@SeeAlso({GetTencentOCRJobStatus.class, InvokeTencentOCR.class, SplitDocument.class})
@DynamicProperty(name = "A request parameter, such as FileStartPageNumber", value = "Its value",
        description = "Added to the request JSON, overriding Request Parameters.", expressionLanguageScope = ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
@WritesAttributes({
        @WritesAttribute(attribute = OcrAttributes.JOB_ID, description = "The job's id; one FlowFile per job when a submit creates several"),
        @WritesAttribute(attribute = "fragment.identifier", description = "When one submit creates several jobs: the same on each"),
        @WritesAttribute(attribute = "fragment.index", description = "When one submit creates several jobs: the job's position, from 0"),
        @WritesAttribute(attribute = "fragment.count", description = "When one submit creates several jobs: how many"),
        @WritesAttribute(attribute = OcrAttributes.JOB_ACTION, description = "The Describe...Job Action that reads the job"),
        @WritesAttribute(attribute = OcrAttributes.JOB_SUBMITTED, description = "When the job was submitted, in milliseconds since the epoch"),
        @WritesAttribute(attribute = OcrAttributes.ACTION, description = "The Submit...Job Action called"),
        @WritesAttribute(attribute = OcrAttributes.REQUEST_ID, description = "Tencent's RequestId of the submit call"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CODE, description = "Tencent's or this bundle's error code, on retry and failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_MESSAGE, description = "The error message, on retry and failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CATEGORY, description = "Why the call failed: THROTTLED, TRANSIENT, ACCOUNT, INPUT...")
})
@UseCase(description = "Extract fields from long documents with Tencent's asynchronous document extraction.",
        keywords = {"async", "job", "long document", "extraction", "pdf"},
        configuration = """
                Set Job Action to SubmitExtractDocAgentJob and give the fields to extract in Request Parameters, e.g.
                {"ItemNames": [{"KeyName": "Invoice Number"}], "FileStartPageNumber": 1, "FileEndPageNumber": 20}.
                Connect "success" to GetTencentOCRJobStatus, its "running" back to itself, and "retry" of both back to their
                processor. Billing happens at submit: a FlowFile on retry was not billed (Tencent answered with an error).
                """)
public class SubmitTencentOCRJob extends AbstractTencentJobProcessor {

    public static final PropertyDescriptor JOB_ACTION = new PropertyDescriptor.Builder()
            .name("Job Action")
            .description("The Submit...Job Action; the job's result is read with its Describe...Job partner.")
            .required(true)
            .allowableValues(submitActions())
            .defaultValue(OcrAction.SubmitExtractDocAgentJob)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The input FlowFile, unchanged, with the job id: one FlowFile per job.")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The input FlowFile, penalized, when Tencent is throttling or at its limit of jobs (the processor also yields), "
                    + "or after a passing fault. Nothing was submitted.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The input FlowFile when submitting cannot succeed: bad input or parameters, account problems, or an "
                    + "answer without a job id.")
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(CallProperties.CLIENT_SERVICE, JOB_ACTION,
            CallProperties.REQUEST_SOURCE, CallProperties.IMAGE_URL, CallProperties.REQUEST_PARAMETERS,
            CallProperties.RETRY_ERROR_CODES, CallProperties.FAILURE_ERROR_CODES);

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);

    /** A submit answer that carries no job id: nothing can follow it. */
    static final String NO_JOB_ID = ErrorCatalogue.NO_JOB_ID;


    static DescribedValue[] submitActions() {
        return Stream.concat(Arrays.stream(OcrAction.values())
                .filter(action -> action.jobPartner() != null && action.name().startsWith("Submit")), Stream.of(LkeapAction.CreateReconstructDocumentFlow))
                .toArray(DescribedValue[]::new);
    }

    /** The submit Action chosen: its name, version, service and the Action that reads its job. */
    private record JobCall(String name, String version, String service, String statusAction) {
        static JobCall of(final String name) {
            final LkeapAction lkeap = LkeapAction.named(name);
            if (lkeap != null) {
                return new JobCall(lkeap.name(), lkeap.version(), lkeap.service(), lkeap.jobPartner().name());
            }
            final OcrAction action = OcrAction.valueOf(name);
            return new JobCall(action.name(), action.version(), action.service(), action.jobPartner().name());
        }

        boolean documentParsing() {
            return LkeapAction.SERVICE.equals(service);
        }
    }

    public SubmitTencentOCRJob() {
        super(REL_RETRY, REL_FAILURE);
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
    protected void onTrigger(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client,
                             final FlowFile input) {
        FlowFile flowFile = input;
        final JobCall action = JobCall.of(context.getProperty(JOB_ACTION).getValue());
        flowFile = session.putAttribute(flowFile, OcrAttributes.ACTION, action.name());
        try {
            final byte[] ocrPayload = RequestProperties.buildPayload(context, session, flowFile,
                    RequestProperties.parameters(context, flowFile.getAttributes(), action.name()));
            final byte[] payload = action.documentParsing() ? DocumentParsingRequest.of(ocrPayload) : ocrPayload;
            session.adjustCounter(action.name() + " Calls", 1, false);
            final TencentApiResponse response = client.invoke(new TencentApiRequest(action.name(), action.version(), payload, action.service()));
            session.getProvenanceReporter().send(flowFile, client.getEndpoint() + "/", "Action %s, RequestId %s".formatted(action.name(),
                    response.requestId()), response.durationMillis());
            if (response.requestId() != null) {
                flowFile = session.putAttribute(flowFile, OcrAttributes.REQUEST_ID, response.requestId());
            }
            if (!response.successful()) {
                errorRoute().route(context, session, flowFile, action.name(), response.errorCode(), response.errorMessage());
                return;
            }
            transferJobs(session, flowFile, action, jobIds(response));
        } catch (final InvalidRequestException e) {
            errorRoute().route(context, session, flowFile, action.name(), e.getErrorCode(), e.getMessage());
        } catch (final TencentApiException e) {
            errorRoute().route(context, session, flowFile, action.name(), e.getErrorCode(), e.getMessage());
        }
    }

    private static List<String> jobIds(final TencentApiResponse response) throws InvalidRequestException, TencentApiException {
        final List<String> ids;
        try {
            ids = JobAnswer.jobIds(response.body());
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE, "The submit answer is not JSON", e);
        }
        if (ids.isEmpty()) {
            throw new InvalidRequestException(NO_JOB_ID, "The submit answer (RequestId %s) holds no JobId or TaskId".formatted(response.requestId()));
        }
        return ids;
    }

    private void transferJobs(final ProcessSession session, final FlowFile submitted, final JobCall action, final List<String> jobIds) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OcrAttributes.JOB_ACTION, action.statusAction());
        attributes.put(OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis()));
        final FlowFile withJob = session.removeAllAttributes(session.putAllAttributes(submitted, attributes),
                Set.of(OcrAttributes.ERROR_CODE, OcrAttributes.ERROR_MESSAGE, OcrAttributes.ERROR_CATEGORY));
        if (jobIds.size() == 1) {
            session.transfer(session.putAttribute(withJob, OcrAttributes.JOB_ID, jobIds.getFirst()), REL_SUCCESS);
        } else {
            // SubmitMarkEssayAgentJob may create several jobs from one request: one FlowFile per job, as fragments of the
            // request, so that MergeContent (Defragment) can gather every part of the result.
            final String fragmentId = UUID.randomUUID().toString();
            for (int i = 0; i < jobIds.size(); i++) {
                final FlowFile job = i == jobIds.size() - 1 ? withJob : session.clone(withJob);
                session.transfer(session.putAllAttributes(job, Map.of(OcrAttributes.JOB_ID, jobIds.get(i),
                        FragmentAttributes.FRAGMENT_ID.key(), fragmentId,
                        FragmentAttributes.FRAGMENT_INDEX.key(), Integer.toString(i),
                        FragmentAttributes.FRAGMENT_COUNT.key(), Integer.toString(jobIds.size()),
                        FragmentAttributes.SEGMENT_ORIGINAL_FILENAME.key(), String.valueOf(withJob.getAttribute(CoreAttributes.FILENAME.key())))), REL_SUCCESS);
            }
        }
        session.adjustCounter(action.name() + " Jobs Submitted", jobIds.size(), false);
    }
}
