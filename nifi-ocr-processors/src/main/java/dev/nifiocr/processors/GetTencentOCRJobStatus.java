package dev.nifiocr.processors;

import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.LkeapAction;
import dev.nifiocr.request.OcrAction;
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
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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

    private static final String MIME_JSON = "application/json";
    private static final String MIME_ZIP = "application/zip";
    static final String NO_RESULT_URL = ErrorCatalogue.NO_RESULT_URL;

    public GetTencentOCRJobStatus() {
        super(REL_RETRY, REL_FAILURE);
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
    protected void onTrigger(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client,
                             final FlowFile input) {
        FlowFile flowFile = input;
        final String jobId = context.getProperty(JOB_ID).evaluateAttributeExpressions(flowFile).getValue();
        final String actionName = context.getProperty(JOB_STATUS_ACTION).evaluateAttributeExpressions(flowFile).getValue();
        final JobCall action = statusAction(actionName);
        final String counterPrefix = action == null ? "Job Status" : action.name();
        try {
            if (action == null) {
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST,
                        "[%s] is not an Action that reads a job, such as DescribeExtractDocAgentJob".formatted(actionName));
            }
            if (jobId == null || jobId.isBlank()) {
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "The FlowFile names no job: Job ID is empty");
            }
            if (expired(context, flowFile)) {
                throw new InvalidRequestException(JOB_TIMED_OUT, "Job %s is still not done after %s".formatted(jobId,
                        context.getProperty(MAXIMUM_JOB_DURATION).getValue()));
            }
            final TencentApiResponse response = client.invoke(new TencentApiRequest(action.name(), action.version(),
                    JobAnswer.describeRequest(action.idField(), jobId), action.service()));
            if (response.requestId() != null) {
                flowFile = session.putAttribute(flowFile, OcrAttributes.REQUEST_ID, response.requestId());
            }
            if (!response.successful() && !failedDocumentJob(action, response)) {
                // Also jobs Tencent does not know (forgotten, expired, never submitted): InvalidParameter* / ResourceNotFound* go to failure.
                errorRoute().route(context, session, flowFile, counterPrefix, response.errorCode(), response.errorMessage());
                return;
            }
            routeJob(context, session, flowFile, client, action, jobId, response);
        } catch (final InvalidRequestException e) {
            errorRoute().route(context, session, flowFile, counterPrefix, e.getErrorCode(), e.getMessage());
        } catch (final TencentApiException e) {
            errorRoute().route(context, session, flowFile, counterPrefix, e.getErrorCode(), e.getMessage());
        }
    }

    private void routeJob(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final TencentCloudClientService client,
                          final JobCall action, final String jobId, final TencentApiResponse response) throws TencentApiException, InvalidRequestException {
        final JobAnswer job;
        try {
            job = JobAnswer.of(response.body());
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE, "The status answer is not JSON", e);
        }
        final FlowFile withStatus = session.putAttribute(flowFile, OcrAttributes.JOB_STATUS, job.status());
        switch (job.state()) {
            case RUNNING -> {
                session.adjustCounter(action.name() + " Running", 1, false);
                session.transfer(session.penalize(withStatus), REL_RUNNING);
            }
            case DONE -> {
                final URI resultUri = action.documentParsing() ? resultUri(jobId, response) : null;
                final byte[] content = resultUri != null ? client.download(resultUri, client.getMaxAnswerBytes()) : response.body();
                FlowFile result = session.write(withStatus, out -> out.write(content));
                result = session.putAttribute(result, CoreAttributes.MIME_TYPE.key(), action.documentParsing() ? MIME_ZIP : MIME_JSON);
                if (action.documentParsing()) {
                    result = session.putAllAttributes(result, documentFacts(response));
                }
                result = session.removeAllAttributes(result, Set.of(OcrAttributes.ERROR_CODE, OcrAttributes.ERROR_MESSAGE, OcrAttributes.ERROR_CATEGORY));
                // the result link's query is a signature: provenance gets the file's address without it
                final String transitUri = resultUri != null ? resultUri.getScheme() + "://" + resultUri.getRawAuthority() + resultUri.getRawPath()
                        : client.getEndpoint() + "/";
                session.getProvenanceReporter().fetch(result, transitUri, "Action %s, job %s".formatted(action.name(), jobId),
                        response.durationMillis());
                session.adjustCounter(action.name() + " Done", 1, false);
                session.transfer(result, REL_SUCCESS);
            }
            // Asking again cannot change a failed job: failure, whatever its code says about the input.
            case FAILED -> {
                final String code = job.errorCode().isBlank() ? JOB_FAILED : job.errorCode();
                session.adjustCounter(action.name() + " Failed", 1, false);
                getLogger().warn("{} job {} failed [{}]: {} {}", action.name(), jobId, code, job.errorMessage(), withStatus);
                session.transfer(session.putAllAttributes(withStatus, Map.of(OcrAttributes.ERROR_CODE, code,
                        OcrAttributes.ERROR_MESSAGE, job.errorMessage(), OcrAttributes.ERROR_CATEGORY, ErrorClassifier.categorize(code).name())), REL_FAILURE);
            }
            case UNKNOWN -> throw new InvalidRequestException(UNKNOWN_JOB_STATUS,
                    "Job %s reports status [%s], which is none this bundle knows".formatted(jobId, job.status()));
        }
    }

    /**
     * The zip a finished document parsing job links to; it is read whole within the client service's Maximum Answer Size.
     * The link lives 30 minutes: a download that fails for a passing reason goes to retry and the next status call gives
     * a fresh link.
     */
    private static URI resultUri(final String jobId, final TencentApiResponse response) throws TencentApiException, InvalidRequestException {
        final String url;
        try {
            url = JobAnswer.resultUrl(response.body());
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE, "The status answer is not JSON", e);
        }
        if (url.isBlank()) {
            throw new InvalidRequestException(NO_RESULT_URL, "Job %s is done but names no DocumentRecognizeResultUrl".formatted(jobId));
        }
        final URI uri;
        try {
            uri = new URI(url);
        } catch (final URISyntaxException e) {
            throw new InvalidRequestException(TencentApiException.DOWNLOAD_REFUSED, "Job %s names a result URL that is not a URL".formatted(jobId));
        }
        return uri;
    }

    private static Map<String, String> documentFacts(final TencentApiResponse response) throws TencentApiException {
        try {
            final Map<String, String> facts = new HashMap<>();
            JobAnswer.documentParsingFacts(response.body()).forEach((name, value) -> facts.put(OcrAttributes.PREFIX + "job." + name, value));
            return facts;
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE, "The status answer is not JSON", e);
        }
    }

    /**
     * lkeap reports a failed job's reason in Response.Error, where API 3.0 puts a failed call's: with a Status beside it,
     * it is the job's failure, not the call's.
     */
    private static boolean failedDocumentJob(final JobCall action, final TencentApiResponse response) {
        try {
            return action.documentParsing() && response.httpStatus() == 200 && JobAnswer.of(response.body()).state() == JobAnswer.State.FAILED;
        } catch (final IOException e) {
            return false;
        }
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

    /** The Action that reads a job: its name, version, service and the request field naming the job. */
    private record JobCall(String name, String version, String service, String idField) {
        boolean documentParsing() {
            return LkeapAction.SERVICE.equals(service);
        }
    }

    /** The Describe...Job Action or lkeap GetReconstructDocumentResult of that name, or null when it names none. */
    private static JobCall statusAction(final String name) {
        if (LkeapAction.GetReconstructDocumentResult.name().equals(name)) {
            final LkeapAction lkeap = LkeapAction.GetReconstructDocumentResult;
            return new JobCall(lkeap.name(), lkeap.version(), lkeap.service(), "TaskId");
        }
        for (final OcrAction action : OcrAction.values()) {
            if (action.name().equals(name) && action.jobPartner() != null && action.name().startsWith("Describe")) {
                return new JobCall(action.name(), action.version(), action.service(), "JobId");
            }
        }
        return null;
    }
}
