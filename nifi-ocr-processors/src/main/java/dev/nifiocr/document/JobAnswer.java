package dev.nifiocr.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.service.api.TencentApiException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Tencent's asynchronous jobs answer: the job ids of a Submit...Job call, and the state of a Describe...Job call.
 * Every ocr job pair (SubmitExtractDocAgentJob, SubmitMarkEssayAgentJob, SubmitQuestionMarkAgentJob, SubmitQuestionSplitJob)
 * reports {@code JobStatus} WAIT, RUN, FAIL or DONE, with ErrorCode and ErrorMessage set when it failed, and returns its
 * whole result inline in the Describe answer. lkeap's document parsing (GetReconstructDocumentResult) reports {@code Status}
 * WaitExecute, Processing, Pause, Success or Failed, its error in {@code Error}, and its result as a zip's URL. An answer
 * that is not JSON is {@link TencentApiException#MALFORMED_RESPONSE}, as a malformed answer of any call is.
 *
 * @param state where the job is
 * @param status the JobStatus as Tencent wrote it
 * @param errorCode the job's own ErrorCode when it failed, else empty
 * @param errorMessage the job's own ErrorMessage when it failed, else empty
 * @param resultUrl document parsing: the URL of the finished job's result file (DocumentRecognizeResultUrl), else empty
 * @param documentFacts document parsing: Usage's numbers (usage.*) and the failed page numbers, comma-separated
 *                      (failed.pages; small, bounded by the page count); empty for ocr jobs
 */
public record JobAnswer(State state, String status, String errorCode, String errorMessage, String resultUrl, Map<String, String> documentFacts) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where a job is, from its JobStatus. */
    public enum State {
        /** WAIT or RUN: ask again later. */
        RUNNING,
        /** DONE: the answer holds the whole result. */
        DONE,
        /** FAIL: asking again cannot change it. */
        FAILED,
        /** A status this bundle does not know. */
        UNKNOWN
    }

    public JobAnswer {
        documentFacts = Map.copyOf(documentFacts);
    }

    /** An ocr job's state, which has neither result file nor document facts. */
    public JobAnswer(final State state, final String status, final String errorCode, final String errorMessage) {
        this(state, status, errorCode, errorMessage, "", Map.of());
    }

    /**
     * The job ids of a submit answer: {@code JobId}, the {@code JobIds} list of SubmitMarkEssayAgentJob, or lkeap's
     * {@code TaskId}; empty when it holds none.
     */
    public static List<String> jobIds(final byte[] submitAnswer) throws TencentApiException {
        final JsonNode response = response(submitAnswer, "submit");
        final List<String> ids = new ArrayList<>();
        for (final String field : List.of("JobId", "TaskId")) {
            if (response.path(field).isTextual() && !response.path(field).asText().isBlank()) {
                ids.add(response.path(field).asText());
            }
        }
        for (final JsonNode id : response.path("JobIds")) {
            if (id.isTextual() && !id.asText().isBlank()) {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    /** The state of a Describe...Job answer, or of lkeap's GetReconstructDocumentResult. */
    public static JobAnswer of(final byte[] describeAnswer) throws TencentApiException {
        final JsonNode response = response(describeAnswer, "status");
        if (!response.has("JobStatus") && response.has("Status")) {
            return ofDocumentParsing(response);
        }
        final String status = response.path("JobStatus").asText("");
        final State state = switch (status) {
            case "WAIT", "RUN" -> State.RUNNING;
            case "DONE" -> State.DONE;
            case "FAIL" -> State.FAILED;
            default -> State.UNKNOWN;
        };
        return new JobAnswer(state, status, response.path("ErrorCode").asText(""), response.path("ErrorMessage").asText(""));
    }

    /**
     * The job's failure in an error answer: lkeap reports a failed job's reason in Response.Error, where API 3.0 puts a
     * failed call's; with a Status beside it, it is the job's failure, not the call's. Empty when it is the call's error.
     */
    public static Optional<JobAnswer> failedJob(final byte[] errorAnswer) {
        try {
            return Optional.of(of(errorAnswer)).filter(job -> job.state() == State.FAILED);
        } catch (final TencentApiException e) {
            return Optional.empty();
        }
    }

    /** The finished document parsing job's result file; it lives 30 minutes. */
    public URI resultUri(final String jobId) throws TencentApiException {
        if (resultUrl.isBlank()) {
            throw new TencentApiException(ErrorCatalogue.NO_RESULT_URL, "Job %s is done but names no DocumentRecognizeResultUrl".formatted(jobId), null);
        }
        try {
            return new URI(resultUrl);
        } catch (final URISyntaxException e) {
            throw new TencentApiException(TencentApiException.DOWNLOAD_REFUSED, "Job %s names a result URL that is not a URL".formatted(jobId), e);
        }
    }

    /** Whether a status, as Tencent writes it, is one of a job that waits or runs. */
    public static boolean running(final String status) {
        return switch (status == null ? "" : status) {
            case "WAIT", "RUN", "WaitExecute", "Processing", "Pause" -> true;
            default -> false;
        };
    }

    private static JobAnswer ofDocumentParsing(final JsonNode response) {
        final String status = response.path("Status").asText("");
        final State state = running(status) ? State.RUNNING : switch (status) {
            case "Success" -> State.DONE;
            case "Failed" -> State.FAILED;
            default -> State.UNKNOWN;
        };
        final Map<String, String> facts = new LinkedHashMap<>();
        response.path("Usage").properties().forEach(field -> {
            if (field.getValue().isNumber()) {
                facts.put("usage." + field.getKey(), field.getValue().asText());
            }
        });
        final List<String> failed = new ArrayList<>();
        for (final JsonNode page : response.path("FailedPages")) {
            failed.add(page.path("PageNumber").asText());
        }
        facts.put("failed.pages", String.join(",", failed));
        final JsonNode error = response.path("Error");
        return new JobAnswer(state, status, error.path("Code").asText(""), error.path("Message").asText(""),
                response.path("DocumentRecognizeResultUrl").asText(""), facts);
    }

    private static JsonNode response(final byte[] answer, final String call) throws TencentApiException {
        try {
            return MAPPER.readTree(answer).path("Response");
        } catch (final IOException e) {
            throw new TencentApiException(TencentApiException.MALFORMED_RESPONSE, "The %s answer is not JSON".formatted(call), e);
        }
    }

    /** The JSON request of a Describe...Job call. */
    public static byte[] describeRequest(final String jobId) {
        return describeRequest("JobId", jobId);
    }

    /** The JSON request of a status call that names the job in that field (lkeap: TaskId). */
    public static byte[] describeRequest(final String idField, final String jobId) {
        try {
            return MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put(idField, jobId));
        } catch (final IOException e) {
            throw new IllegalStateException("A JSON object of one string always serialises", e);
        }
    }
}
