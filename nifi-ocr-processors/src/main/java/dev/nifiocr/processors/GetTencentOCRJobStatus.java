package dev.nifiocr.processors;

import dev.nifiocr.document.ContentName;
import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.PropertyValues;
import dev.nifiocr.request.RequestVerification;
import dev.nifiocr.request.TencentAction;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@Tags({"tencent", "ocr", "async", "job", "status", "poll", "result", "document"})
@CapabilityDescription("Follows an asynchronous Tencent Cloud OCR job submitted by SubmitTencentOCRJob to its whole result. While the "
        + "job waits or runs, the FlowFile goes to running, penalized, to be asked again; when it is done, its content becomes the whole "
        + "answer of the Describe...Job Action (every page and every part Tencent returns, not only a first page); a failed, "
        + "forgotten or expired job goes to failure with its error code.")
@SeeAlso({SubmitTencentOCRJob.class, InvokeTencentOCR.class})
@WritesAttributes({
        @WritesAttribute(attribute = OcrAttributes.JOB_STATUS, description = "Tencent's JobStatus: WAIT, RUN, DONE or FAIL; for lkeap "
                + "document parsing its Status: WaitExecute, Processing, Pause, Success or Failed"),
        @WritesAttribute(attribute = OcrAttributes.REQUEST_ID, description = "Tencent's RequestId of the last status call"),
        @WritesAttribute(attribute = "mime.type", description = "application/json on success; application/zip for a document parsing (lkeap) result"),
        @WritesAttribute(attribute = "filename", description = "On success: the base name with .json, or .zip for a document parsing (lkeap) result"),
        @WritesAttribute(attribute = "tencent.ocr.job.usage.*", description = "Document parsing (lkeap): Usage's numbers, such as "
                + "tencent.ocr.job.usage.PageNumber, SuccessPageNum, FailPageNum, TotalTokens"),
        @WritesAttribute(attribute = "tencent.ocr.job.failed.pages", description = "Document parsing (lkeap): the pages that failed, comma-separated"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CODE, description = "The job's ErrorCode when it failed, Tencent's error code "
                + "for the call, or Client.JobTimedOut, Client.UnknownJobStatus, Client.InvalidRequest"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_MESSAGE, description = "The error message, on retry and failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CATEGORY, description = "Why the call failed: THROTTLED, TRANSIENT, ACCOUNT, INPUT...")
})
@UseCase(description = "Wait for an asynchronous OCR job and fetch its whole result.",
        keywords = {"async", "job", "poll", "status", "result"},
        configuration = """
                Connect SubmitTencentOCRJob's "success" here and keep the defaults: the job id and the Describe Action come from the
                attributes it wrote. Connect "running" back to this processor; the FlowFile's penalty (the processor's Penalty
                Duration) is the polling interval. Connect "retry" back too, "success" onward, "failure" to an error path.
                """)
public class GetTencentOCRJobStatus extends AbstractTencentJobProcessor {

    public static final PropertyDescriptor JOB_ID = new PropertyDescriptor.Builder()
            .name("Job ID")
            .description("The id of the job to follow.")
            .required(true)
            .defaultValue("${" + OcrAttributes.JOB_ID + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor JOB_STATUS_ACTION = new PropertyDescriptor.Builder()
            .name("Job Status Action")
            .description("The Describe...Job Action that reads the job, such as DescribeExtractDocAgentJob. SubmitTencentOCRJob "
                    + "writes it to " + OcrAttributes.JOB_ACTION + ".")
            .required(true)
            .defaultValue("${" + OcrAttributes.JOB_ACTION + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAXIMUM_JOB_DURATION = new PropertyDescriptor.Builder()
            .name("Maximum Job Duration")
            .description("A job still waiting or running this long after it was submitted (" + OcrAttributes.JOB_SUBMITTED
                    + ") goes to failure with Client.JobTimedOut, so that no FlowFile loops forever. Tencent documents neither "
                    + "how long jobs take nor how long it keeps them.")
            .required(true)
            .defaultValue("1 hour")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The FlowFile, its content replaced by the whole JSON answer of the finished job, or by the result zip of a "
                    + "document parsing job.")
            .build();

    public static final Relationship REL_RUNNING = new Relationship.Builder()
            .name("running")
            .description("The FlowFile, unchanged and penalized, while the job waits or runs: connect it back to this processor.")
            .build();

    public static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The FlowFile, penalized, when the status call was throttled or met a passing fault (the job goes on).")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The FlowFile when the job failed (its own ErrorCode), is unknown or expired at Tencent, ran longer than "
                    + "Maximum Job Duration, or the job id or Action is missing or wrong.")
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(CallProperties.CLIENT_SERVICE, JOB_ID, JOB_STATUS_ACTION,
            MAXIMUM_JOB_DURATION, CallProperties.RETRY_ERROR_CODES, CallProperties.FAILURE_ERROR_CODES);

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RUNNING, REL_RETRY, REL_FAILURE);

    static final String JOB_TIMED_OUT = ErrorCatalogue.JOB_TIMED_OUT;
    static final String UNKNOWN_JOB_STATUS = ErrorCatalogue.UNKNOWN_JOB_STATUS;
    /** A job that reports FAIL without an error code of its own. */
    static final String JOB_FAILED = ErrorCatalogue.JOB_FAILED;
    static final String NO_RESULT_URL = ErrorCatalogue.NO_RESULT_URL;

    /** What counters and log lines name when the FlowFile names no Action that reads a job. */
    private static final String NO_ACTION = "Job Status";

    // the Action of the last FlowFile: a queue mostly holds the jobs of one submit processor, so it predicts the next one's
    private volatile String lastAction;

    public GetTencentOCRJobStatus() {
        // Tencent bills a job at submit and documents no charge for reading it: status calls are rate-limited, not budgeted
        super(CallGate.permitOnly(), REL_RETRY, REL_FAILURE);
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        try {
            return RequestVerification.verifyJobStatus(PropertyValues.evaluate(context, JOB_STATUS_ACTION, attributes),
                    PropertyValues.evaluate(context, JOB_ID, attributes));
        } catch (final InvalidRequestException e) {
            return RequestVerification.unresolvedAction(e);
        }
    }

    @Override
    protected String actionBeforeFlowFile(final ProcessContext context) {
        final PropertyValue action = context.getProperty(JOB_STATUS_ACTION);
        return action.isExpressionLanguagePresent() ? lastAction : action.evaluateAttributeExpressions(Map.of()).getValue();
    }

    @Override
    protected void onTrigger(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client,
                             final FlowFile input, final CallGate.Pass pass) {
        FlowFile flowFile = input;
        TencentAction action = null;
        final String jobId;
        try {
            final String actionName = PropertyValues.evaluate(context, JOB_STATUS_ACTION, flowFile.getAttributes());
            jobId = PropertyValues.evaluate(context, JOB_ID, flowFile.getAttributes());
            action = TencentAction.named(actionName).filter(TencentAction::readsJob).orElseThrow(() -> new InvalidRequestException(
                    ErrorCatalogue.INVALID_REQUEST, "[%s] is not an Action that reads a job, such as DescribeExtractDocAgentJob".formatted(actionName)));
            if (jobId == null || jobId.isBlank()) {
                throw new InvalidRequestException(ErrorCatalogue.INVALID_REQUEST, "The FlowFile names no job: Job ID is empty");
            }
            if (expired(context, flowFile)) {
                throw new InvalidRequestException(JOB_TIMED_OUT, "Job %s is still not done after %s".formatted(jobId,
                        context.getProperty(MAXIMUM_JOB_DURATION).getValue()));
            }
        } catch (final InvalidRequestException e) {
            ledger().refused(context, session, flowFile, action == null ? NO_ACTION : action.name(), e);
            return;
        }
        lastAction = action.name();
        if (!pass.retarget(action.name())) {
            session.rollback();
            context.yield();
            return;
        }
        final TencentApiResponse response;
        try {
            response = client.invoke(new TencentApiRequest(action.name(), action.version(), JobAnswer.describeRequest(action.jobIdField(), jobId),
                    action.service()));
        } catch (final TencentApiException e) {
            ledger().unanswered(context, session, flowFile, action.name(), e);
            return;
        }
        ledger().sent(session, action.name());
        if (response.requestId() != null) {
            flowFile = session.putAttribute(flowFile, OcrAttributes.REQUEST_ID, response.requestId());
        }
        final JobAnswer job;
        try {
            job = response.successful() ? JobAnswer.of(response.body())
                    : action.documentParsing() && response.httpStatus() == 200 ? JobAnswer.failedJob(response.body()).orElse(null) : null;
        } catch (final TencentApiException e) {
            ledger().failed(context, session, flowFile, action.name(), e.getErrorCode(), e.getMessage());
            return;
        }
        if (job == null) {
            // Also jobs Tencent does not know (forgotten, expired, never submitted): InvalidParameter* / ResourceNotFound* go to failure.
            ledger().failed(context, session, flowFile, action.name(), response.errorCode(), response.errorMessage());
            return;
        }
        routeJob(context, session, flowFile, client, action, jobId, job, response);
    }

    private void routeJob(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                          final TencentAction action, final String jobId, final JobAnswer job, final TencentApiResponse response) {
        final FlowFile withStatus = session.putAttribute(flowFile, OcrAttributes.JOB_STATUS, job.status());
        switch (job.state()) {
            case RUNNING -> {
                // once per job: a FlowFile that was running before is the same job asked again
                if (!JobAnswer.running(flowFile.getAttribute(OcrAttributes.JOB_STATUS))) {
                    CallCounters.count(session, action.name(), CallCounters.JOBS_RUNNING);
                }
                ledger().succeeded(session, action.name());
                session.transfer(session.penalize(withStatus), REL_RUNNING);
            }
            case DONE -> done(context, session, withStatus, client, action, jobId, job, response);
            // Asking again cannot change a failed job: failure, whatever its code says about the input.
            case FAILED -> {
                CallCounters.count(session, action.name(), CallCounters.JOBS_FAILED);
                ledger().failedForGood(context, session, withStatus, action.name(), job.errorCode().isBlank() ? JOB_FAILED : job.errorCode(),
                        job.errorMessage());
            }
            case UNKNOWN -> ledger().failed(context, session, withStatus, action.name(), UNKNOWN_JOB_STATUS,
                    "Job %s reports status [%s], which is none this bundle knows".formatted(jobId, job.status()));
        }
    }

    /**
     * The finished job's result: the whole answer, or the zip a document parsing job links to, read whole within the client
     * service's Maximum Answer Size. The link lives 30 minutes: a download that fails for a passing reason goes to retry
     * and the next status call gives a fresh link.
     */
    private void done(final ProcessContext context, final ProcessSession session, final FlowFile withStatus, final TencentCloudClientService client,
                      final TencentAction action, final String jobId, final JobAnswer job, final TencentApiResponse response) {
        final URI resultUri;
        final byte[] content;
        try {
            resultUri = action.documentParsing() ? job.resultUri(jobId) : null;
            content = resultUri != null ? client.download(resultUri, client.getMaxAnswerBytes()) : response.body();
        } catch (final TencentApiException e) {
            ledger().failed(context, session, withStatus, action.name(), e.getErrorCode(), e.getMessage());
            return;
        }
        FlowFile result = session.write(withStatus, out -> out.write(content));
        final ContentName resultName = action.documentParsing() ? ContentName.ZIP : ContentName.JSON;
        result = session.putAllAttributes(result, resultName.attributes(result.getAttribute(CoreAttributes.FILENAME.key())));
        final Map<String, String> facts = new HashMap<>();
        job.documentFacts().forEach((name, value) -> facts.put(OcrAttributes.PREFIX + "job." + name, value));
        result = FailureRoute.clear(session, session.putAllAttributes(result, facts));
        // the result link's query is a signature: provenance gets the file's address without it
        final String transitUri = resultUri != null ? resultUri.getScheme() + "://" + resultUri.getRawAuthority() + resultUri.getRawPath()
                : client.getEndpoint() + "/";
        session.getProvenanceReporter().fetch(result, transitUri, "Action %s, job %s".formatted(action.name(), jobId), response.durationMillis());
        ledger().succeeded(session, action.name());
        CallCounters.count(session, action.name(), CallCounters.JOBS_DONE);
        session.transfer(result, REL_SUCCESS);
    }

    private static boolean expired(final ProcessContext context, final FlowFile flowFile) {
        final String submitted = flowFile.getAttribute(OcrAttributes.JOB_SUBMITTED);
        final long submittedMillis;
        try {
            submittedMillis = submitted == null ? flowFile.getEntryDate() : Long.parseLong(submitted);
        } catch (final NumberFormatException e) {
            return false;
        }
        final long maximum = context.getProperty(MAXIMUM_JOB_DURATION).asTimePeriod(TimeUnit.MILLISECONDS);
        return System.currentTimeMillis() - submittedMillis > maximum;
    }
}
