package dev.nifiocr.processors;

import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.DocumentSource;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.RequestProperties;
import dev.nifiocr.request.RequestVerification;
import dev.nifiocr.request.TencentAction;
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
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.flowfile.attributes.FragmentAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"tencent", "ocr", "async", "job", "submit", "document", "pdf", "extraction"})
@CapabilityDescription("Starts OCR of whole documents that Tencent reads as asynchronous jobs, such as a PDF to Markdown: submits "
        + "the job and writes its id to tencent.ocr.job.id for GetTencentOCRJobStatus. "
        + "Job Actions: the OCR Submit...Job Actions, such as SubmitExtractDocAgentJob, and CreateReconstructDocumentFlow of Tencent's "
        + "document parsing service lkeap, which turns a whole PDF into Markdown. The Action that reads the job is in tencent.ocr.job.action. "
        + "Throttling and Tencent's limits on jobs make the "
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
        @WritesAttribute(attribute = OcrAttributes.BILLABLE, description = "true when Tencent bills the submit (it bills jobs at "
                + "submit), or may bill it where its rules say nothing; false when it does not"),
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
                processor. Billing happens at submit: the client service's Daily Budget counts submits, not status calls.
                """)
public class SubmitTencentOCRJob extends AbstractTencentJobProcessor {

    public static final PropertyDescriptor JOB_ACTION = new PropertyDescriptor.Builder()
            .name("Job Action")
            .description("The Submit...Job Action; the job's result is read with its Describe...Job partner.")
            .required(true)
            .allowableValues(TencentAction.all().stream().filter(TencentAction::submitsJob).toArray(DescribedValue[]::new))
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
            CallProperties.DOCUMENT_SOURCE, CallProperties.DOCUMENT_URL, CallProperties.REQUEST_PARAMETERS,
            CallProperties.RETRY_ERROR_CODES, CallProperties.FAILURE_ERROR_CODES,
            CallsInFlight.MAXIMUM_CALLS_IN_FLIGHT, CallsInFlight.MAXIMUM_BYTES_IN_FLIGHT);

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RETRY, REL_FAILURE);

    /** A submit answer that carries no job id: nothing can follow it. */
    static final String NO_JOB_ID = ErrorCatalogue.NO_JOB_ID;

    public SubmitTencentOCRJob() {
        super(CallGate.billed(), REL_RETRY, REL_FAILURE);
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
        DocumentSource.migrate(config);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        return RequestVerification.verify(context, attributes, context.getProperty(JOB_ACTION).getValue());
    }

    @Override
    protected String actionBeforeFlowFile(final ProcessContext context) {
        return context.getProperty(JOB_ACTION).getValue();
    }

    @Override
    protected CallsInFlight.Call prepare(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client,
                                         final FlowFile input, final CallGate.Pass pass) {
        final TencentAction action = TencentAction.named(context.getProperty(JOB_ACTION).getValue()).orElseThrow();
        final FlowFile flowFile = session.putAttribute(input, OcrAttributes.ACTION, action.name());
        final TencentApiRequest request;
        try {
            request = new TencentApiRequest(action.name(), action.version(), RequestProperties.buildJobPayload(context, session, flowFile, action),
                    action.service());
        } catch (final InvalidRequestException e) {
            ledger().refused(context, session, flowFile, action.name(), e);
            return null;
        }
        return new CallsInFlight.Call(request, (response, failure) -> {
            // a billed submit keeps its reserved call of the Daily Budget
            final FlowFile marked = CallCounters.billable(session, flowFile, action.name(), pass, response, failure);
            if (failure != null) {
                unanswered(context, session, client, marked, action, failure);
            } else {
                answered(context, session, client, marked, action, response);
            }
        });
    }

    private void unanswered(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client, final FlowFile flowFile,
                            final TencentAction action, final TencentApiException e) {
        if (e.isRequestSent()) {
            session.getProvenanceReporter().send(flowFile, client.getEndpoint() + "/", "Action " + action.name());
        }
        ledger().unanswered(context, session, flowFile, action.name(), e);
    }

    private void answered(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client, final FlowFile input,
                          final TencentAction action, final TencentApiResponse response) {
        ledger().sent(session, action.name());
        FlowFile flowFile = input;
        session.getProvenanceReporter().send(flowFile, client.getEndpoint() + "/", "Action %s, RequestId %s".formatted(action.name(),
                response.requestId()), response.durationMillis());
        if (response.requestId() != null) {
            flowFile = session.putAttribute(flowFile, OcrAttributes.REQUEST_ID, response.requestId());
        }
        if (!response.successful()) {
            ledger().failed(context, session, flowFile, action.name(), response.errorCode(), response.errorMessage());
            return;
        }
        final List<String> jobIds;
        try {
            jobIds = JobAnswer.jobIds(response.body());
        } catch (final TencentApiException e) {
            ledger().failed(context, session, flowFile, action.name(), e.getErrorCode(), e.getMessage());
            return;
        }
        if (jobIds.isEmpty()) {
            ledger().failed(context, session, flowFile, action.name(), NO_JOB_ID,
                    "The submit answer (RequestId %s) holds no JobId or TaskId".formatted(response.requestId()));
            return;
        }
        ledger().succeeded(session, action.name());
        transferJobs(session, flowFile, action, jobIds);
    }

    private void transferJobs(final ProcessSession session, final FlowFile submitted, final TencentAction action, final List<String> jobIds) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OcrAttributes.JOB_ACTION, action.jobPartner().name());
        attributes.put(OcrAttributes.JOB_SUBMITTED, Long.toString(System.currentTimeMillis()));
        final FlowFile withJob = FailureRoute.clear(session, session.putAllAttributes(submitted, attributes));
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
        session.adjustCounter(CallCounters.name(action.name(), CallCounters.JOBS_SUBMITTED), jobIds.size(), false);
    }
}
