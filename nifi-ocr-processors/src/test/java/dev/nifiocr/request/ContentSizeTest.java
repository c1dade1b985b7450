package dev.nifiocr.request;

import dev.nifiocr.error.ErrorClassifier;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentSizeTest {

    private static final OcrRequestBuilder.Parameters GENERAL = new OcrRequestBuilder.Parameters("GeneralBasicOCR", OcrAction.GeneralBasicOCR, null, Map.of());

    /** A FlowFile that claims a size and has no content: any read would fail the test. */
    private static MockFlowFile sized(final long size) {
        return new MockFlowFile(1) {
            @Override
            public long getSize() {
                return size;
            }

            @Override
            public byte[] getData() {
                throw new AssertionError("content read");
            }
        };
    }

    @Test
    void refusesFromTheRecordedSizeWithoutReading() {
        assertEquals(ErrorClassifier.IMAGE_TOO_LARGE, assertThrows(InvalidRequestException.class,
                () -> ContentSize.check(RequestSource.CONTENT_IMAGE, sized(2L << 30), GENERAL)).getErrorCode());
        assertEquals(ErrorClassifier.IMAGE_TOO_LARGE, assertThrows(InvalidRequestException.class,
                () -> ContentSize.check(RequestSource.CONTENT_REQUEST_JSON, sized(OcrRequestBuilder.MAX_REQUEST_BYTES + 1), GENERAL)).getErrorCode());
        assertEquals(ErrorClassifier.EMPTY_CONTENT, assertThrows(InvalidRequestException.class,
                () -> ContentSize.check(RequestSource.CONTENT_IMAGE, sized(0), GENERAL)).getErrorCode());
    }

    @Test
    void letsContentWithinTheLimitsAndOtherSourcesThrough() {
        assertDoesNotThrow(() -> ContentSize.check(RequestSource.CONTENT_IMAGE, sized(7L * 1024 * 1024), GENERAL));
        assertDoesNotThrow(() -> ContentSize.check(RequestSource.IMAGE_URL, sized(2L << 30), GENERAL));
        assertDoesNotThrow(() -> ContentSize.check(RequestSource.PARAMETERS_ONLY, sized(0), GENERAL));
    }
}
