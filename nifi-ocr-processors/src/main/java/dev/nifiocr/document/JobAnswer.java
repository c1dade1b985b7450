package dev.nifiocr.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What Tencent's asynchronous OCR jobs answer: the job ids of a Submit...Job call, and the state of a Describe...Job call.
 * Every ocr job pair (SubmitExtractDocAgentJob, SubmitMarkEssayAgentJob, SubmitQuestionMarkAgentJob, SubmitQuestionSplitJob)
 * reports {@code JobStatus} WAIT, RUN, FAIL or DONE, with ErrorCode and ErrorMessage set when it failed, and returns its
 * whole result inline in the Describe answer. lkeap's document parsing (GetReconstructDocumentResult) reports {@code Status}
 * WaitExecute, Processing, Pause, Success or Failed, its error in {@code Error}, and its result as a zip's URL.
 *
 * @param state where the job is
 * @param status the JobStatus as Tencent wrote it
 * @param errorCode the job's own ErrorCode when it failed, else empty
 * @param errorMessage the job's own ErrorMessage when it failed, else empty
 */
public record JobAnswer(State state, String status, String errorCode, String errorMessage) {

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

    /**
     * The job ids of a submit answer: {@code JobId}, the {@code JobIds} list of SubmitMarkEssayAgentJob, or lkeap's
     * {@code TaskId}.
     */
    public static List<String> jobIds(final byte[] submitAnswer) throws IOException {
        final JsonNode response = MAPPER.readTree(submitAnswer).path("Response");
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
    public static JobAnswer of(final byte[] describeAnswer) throws IOException {
        final JsonNode response = MAPPER.readTree(describeAnswer).path("Response");
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

    private static JobAnswer ofDocumentParsing(final JsonNode response) {
        final String status = response.path("Status").asText("");
        final State state = switch (status) {
            case "WaitExecute", "Processing", "Pause" -> State.RUNNING;
            case "Success" -> State.DONE;
            case "Failed" -> State.FAILED;
            default -> State.UNKNOWN;
        };
        final JsonNode error = response.path("Error");
        return new JobAnswer(state, status, error.path("Code").asText(""), error.path("Message").asText(""));
    }

    /** The URL of a finished document parsing job's result file (DocumentRecognizeResultUrl), or empty. */
    public static String resultUrl(final byte[] describeAnswer) throws IOException {
        return MAPPER.readTree(describeAnswer).path("Response").path("DocumentRecognizeResultUrl").asText("");
    }

    /**
     * What a finished document parsing job reports besides its file, for attributes: Usage's numbers and the failed page
     * numbers, comma-separated (small, bounded by the page count).
     */
    public static java.util.Map<String, String> documentParsingFacts(final byte[] describeAnswer) throws IOException {
        final JsonNode response = MAPPER.readTree(describeAnswer).path("Response");
        final java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
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
        return facts;
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
