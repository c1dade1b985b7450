package dev.nifiocr.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nifiocr.client.ResponseEnvelope;
import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.OcrRequestBuilder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any bytes as Tencent's answer (the API 3.0 envelope, a job's answer) and as the content of a request (PDF, OFD, TIFF
 * detection): an answer parses or is an IOException, which the client reports as {@code Client.MalformedResponse}; content
 * builds a request or is refused with a catalogued failure code. Nothing else may escape: it would roll the session back.
 */
class AnswersAndContentChecksFuzzTest {

    private static final OcrRequestBuilder.Parameters GENERAL = new OcrRequestBuilder.Parameters(OcrAction.GeneralBasicOCR.name(),
            OcrAction.GeneralBasicOCR, null, Map.of());
    private static final OcrRequestBuilder.Parameters OFD = new OcrRequestBuilder.Parameters(OcrAction.VerifyOfdVatInvoiceOCR.name(),
            OcrAction.VerifyOfdVatInvoiceOCR, null, Map.of());

    @FuzzTest(maxDuration = "15s")
    @Timeout(30)
    void parsesOrRefusesWithACode(final byte[] data) {
        try {
            ResponseEnvelope.parse(data);
        } catch (final IOException malformed) {
            // Client.MalformedResponse
        }
        try {
            JobAnswer.of(data);
            JobAnswer.jobIds(data);
            JobAnswer.resultUrl(data);
            JobAnswer.documentParsingFacts(data);
        } catch (final IOException malformed) {
            // Client.MalformedResponse
        }
        for (final OcrRequestBuilder.Parameters parameters : new OcrRequestBuilder.Parameters[] {GENERAL, OFD}) {
            try {
                OcrRequestBuilder.fromImage(parameters, data);
            } catch (final InvalidRequestException refused) {
                assertTrue(ErrorCatalogue.find(refused.getErrorCode()).isPresent(), refused.getErrorCode());
                assertEquals(Outcome.FAILURE, ErrorCatalogue.find(refused.getErrorCode()).get().route(), refused.getErrorCode());
            }
        }
    }
}
