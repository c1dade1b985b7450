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
 * whole result inline in the Describe answer.
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

    /** The job ids of a Submit...Job answer: {@code JobId}, or the {@code JobIds} list of SubmitMarkEssayAgentJob. */
    public static List<String> jobIds(final byte[] submitAnswer) throws IOException {
        final JsonNode response = MAPPER.readTree(submitAnswer).path("Response");
        final List<String> ids = new ArrayList<>();
        if (response.path("JobId").isTextual() && !response.path("JobId").asText().isBlank()) {
            ids.add(response.path("JobId").asText());
        }
        for (final JsonNode id : response.path("JobIds")) {
            if (id.isTextual() && !id.asText().isBlank()) {
                ids.add(id.asText());
            }
        }
        return ids;
    }

    /** The state of a Describe...Job answer. */
    public static JobAnswer of(final byte[] describeAnswer) throws IOException {
        final JsonNode response = MAPPER.readTree(describeAnswer).path("Response");
        final String status = response.path("JobStatus").asText("");
        final State state = switch (status) {
            case "WAIT", "RUN" -> State.RUNNING;
            case "DONE" -> State.DONE;
            case "FAIL" -> State.FAILED;
            default -> State.UNKNOWN;
        };
        return new JobAnswer(state, status, response.path("ErrorCode").asText(""), response.path("ErrorMessage").asText(""));
    }

    /** The JSON request of a Describe...Job call. */
    public static byte[] describeRequest(final String jobId) {
        try {
            return MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("JobId", jobId));
        } catch (final IOException e) {
            throw new IllegalStateException("A JSON object of one string always serialises", e);
        }
    }
}
