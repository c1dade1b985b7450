package dev.nifiocr.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nifiocr.client.EnvelopeEntryPoint;
import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.processors.HostileContent;
import dev.nifiocr.processors.SplitDocument;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.OcrRequestBuilder;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every entry point that parses what anyone may send, fuzzed in one JVM (libFuzzer runs once per process; one JVM keeps the
 * CI time for fuzzing, not for starting agents). The first byte picks the entry point ({@link Entry}), the rest is the input:
 * <ul>
 *     <li>a PDF through SplitDocument, text layer on, and a TIFF through SplitDocument (pages capped at 4 megapixels so the
 *     fuzzer spends its time on structure, not on decoding blank pages): pages, or one coded failure;</li>
 *     <li>an image through CompressImage (4 megapixels): fitted, or one coded failure;</li>
 *     <li>an answer of Tencent (the API 3.0 envelope, a job's answer): parsed, or an IOException, which the client reports as
 *     Client.MalformedResponse; and content checks of a request (PDF, OFD, TIFF): a request, or a catalogued failure code.</li>
 * </ul>
 * Never a rollback (nothing else may escape), never the heap run out by a few KB (the fork has -Xmx256m).
 */
class EntryPointsFuzzTest {

    /** What the first byte of an input picks (its value modulo the count). */
    enum Entry { PDF, TIFF, IMAGE, ANSWER }

    private static final Runners PDF = new Runners(() -> HostileContent.splitDocument(Map.of("Use Text Layer", "true")));
    private static final Runners TIFF = new Runners(() -> HostileContent.splitDocument(Map.of(SplitDocument.MAXIMUM_PIXELS.getName(), "4000000")));
    private static final Runners IMAGE = new Runners(() -> HostileContent.compressImage(Map.of("Maximum Pixels", "4000000")));
    private static final OcrRequestBuilder.Parameters GENERAL = parameters(OcrAction.GeneralBasicOCR);
    private static final OcrRequestBuilder.Parameters OFD = parameters(OcrAction.VerifyOfdVatInvoiceOCR);

    /** 90 s of new inputs after the kept ones (about 2.5 minutes of CI time in all); 30 s at most for one input (the pom). */
    @FuzzTest(maxDuration = "90s")
    void endsOnOneRelationshipWithACode(final byte[] input) {
        if (input.length == 0) {
            return;
        }
        final byte[] content = Arrays.copyOfRange(input, 1, input.length);
        switch (Entry.values()[Math.floorMod(input[0], Entry.values().length)]) {
            case PDF -> split(PDF, content);
            case TIFF -> split(TIFF, content);
            case IMAGE -> split(IMAGE, content);
            case ANSWER -> answerAndContent(content);
        }
    }

    private static void split(final Runners runners, final byte[] content) {
        final HostileContent.End end = HostileContent.runHere(runners.next(), content);
        assertFalse(end.ranTheHeapOut(), "a few KB ran the heap out: " + end);
    }

    private static void answerAndContent(final byte[] data) {
        try {
            EnvelopeEntryPoint.parse(data);
        } catch (final IOException malformed) {
            // Client.MalformedResponse
        }
        try {
            JobAnswer.of(data).resultUri("fuzz");
        } catch (final TencentApiException refused) {
            assertTrue(ErrorCatalogue.find(refused.getErrorCode()).isPresent(), refused.getErrorCode());
        }
        try {
            JobAnswer.jobIds(data);
        } catch (final TencentApiException malformed) {
            assertEquals(TencentApiException.MALFORMED_RESPONSE, malformed.getErrorCode());
        }
        JobAnswer.failedJob(data);
        for (final OcrRequestBuilder.Parameters parameters : new OcrRequestBuilder.Parameters[] {GENERAL, OFD}) {
            try {
                OcrRequestBuilder.fromImage(parameters, data);
            } catch (final InvalidRequestException refused) {
                assertTrue(ErrorCatalogue.find(refused.getErrorCode()).isPresent(), refused.getErrorCode());
                assertEquals(Outcome.FAILURE, ErrorCatalogue.find(refused.getErrorCode()).get().route(), refused.getErrorCode());
            }
        }
    }

    private static OcrRequestBuilder.Parameters parameters(final OcrAction action) {
        return new OcrRequestBuilder.Parameters(action.name(), action, null, Map.of());
    }
}
