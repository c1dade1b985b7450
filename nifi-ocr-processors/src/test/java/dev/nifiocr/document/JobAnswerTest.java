package dev.nifiocr.document;

import dev.nifiocr.service.api.TencentApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobAnswerTest {

    @Test
    void jobIdOrJobIds() throws TencentApiException {
        assertEquals(List.of("1334797167793684480"), JobAnswer.jobIds(bytes("{\"Response\":{\"JobId\":\"1334797167793684480\",\"RequestId\":\"r\"}}")));
        assertEquals(List.of("a", "b"), JobAnswer.jobIds(bytes("{\"Response\":{\"JobIds\":[\"a\",\"b\",\"\"],\"RequestId\":\"r\"}}")));
        assertEquals(List.of(), JobAnswer.jobIds(bytes("{\"Response\":{\"JobId\":\"\",\"RequestId\":\"r\"}}")));
    }

    @Test
    void statusValues() throws TencentApiException {
        assertEquals(JobAnswer.State.RUNNING, JobAnswer.of(bytes("{\"Response\":{\"JobStatus\":\"WAIT\"}}")).state());
        assertEquals(JobAnswer.State.RUNNING, JobAnswer.of(bytes("{\"Response\":{\"JobStatus\":\"RUN\"}}")).state());
        assertEquals(JobAnswer.State.DONE, JobAnswer.of(bytes("{\"Response\":{\"JobStatus\":\"DONE\"}}")).state());
        assertEquals(new JobAnswer(JobAnswer.State.FAILED, "FAIL", "FailedOperation.OcrFailed", "OCR识别失败"),
                JobAnswer.of(bytes("{\"Response\":{\"JobStatus\":\"FAIL\",\"ErrorCode\":\"FailedOperation.OcrFailed\",\"ErrorMessage\":\"OCR识别失败\"}}")));
        assertEquals(JobAnswer.State.UNKNOWN, JobAnswer.of(bytes("{\"Response\":{}}")).state());
    }

    @Test
    void notJsonIsAMalformedAnswer() {
        assertEquals(TencentApiException.MALFORMED_RESPONSE, assertThrows(TencentApiException.class, () -> JobAnswer.of(bytes("<html>"))).getErrorCode());
        assertEquals(TencentApiException.MALFORMED_RESPONSE, assertThrows(TencentApiException.class, () -> JobAnswer.jobIds(bytes("<html>"))).getErrorCode());
    }

    @Test
    void describeRequestEscapesTheJobId() {
        assertEquals("{\"JobId\":\"a\\\"b\"}", new String(JobAnswer.describeRequest("a\"b"), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
