package dev.nifiocr.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorClassifierTest {

    private static final Map<String, Outcome> OUTCOME_OF_REFERENCE_CLASS = Map.of(
            "transient", Outcome.RETRY,
            "ambiguous_retry_once", Outcome.RETRY,
            "account_or_config", Outcome.FAILURE,
            "permanent_input", Outcome.FAILURE,
            "no_result", Outcome.SUCCESS);

    private final ErrorClassifier classifier = new ErrorClassifier();

    /** Every one of the 95 codes of the shared reference, routed as its proposed class says. */
    static List<Arguments> referenceCodes() {
        final List<Arguments> arguments = new ArrayList<>();
        for (final JsonNode code : Fixtures.json("tencent-ocr-error-codes.json").get("codes")) {
            arguments.add(Arguments.of(code.get("code").asText(), code.get("proposed_class").asText()));
        }
        return arguments;
    }

    @ParameterizedTest
    @MethodSource("referenceCodes")
    void routesEveryReferenceCode(final String code, final String referenceClass) {
        final Classification classification = classifier.classify(code);
        // LimitExceeded is a quota/frequency limit: treated as throttling, as RequestLimitExceeded
        final Outcome expected = code.equals("LimitExceeded") ? Outcome.RETRY : OUTCOME_OF_REFERENCE_CLASS.get(referenceClass);
        assertEquals(expected, classification.outcome(), code);
        assertEquals(classification.outcome() == Outcome.RETRY, classification.penalize(), code);
        final boolean throttling = code.startsWith("RequestLimitExceeded") || code.equals("LimitExceeded");
        final boolean account = referenceClass.equals("account_or_config") && !throttling;
        assertEquals(throttling || account, classification.yieldProcessor(), code);
    }

    /** Every row of the catalogue, a family by an unlisted member, routed as the row says. */
    @ParameterizedTest
    @MethodSource("dev.nifiocr.error.ErrorCatalogueTest#entries")
    void routesEveryCatalogueRowAsItSays(final ErrorCode row) {
        final String code = row.family() ? row.code().replace("*", "Unlisted") : row.code();
        final Classification classification = classifier.classify(code);
        assertEquals(row.category(), classification.category(), code);
        assertEquals(row.route(), classification.outcome(), code);
        assertEquals(row.category().yieldProcessor(), classification.yieldProcessor(), code);
    }

    @Test
    void coversAllReferenceCodes() {
        assertEquals(95, referenceCodes().size());
    }

    @ParameterizedTest
    @CsvSource({
            "RequestLimitExceeded.SomethingNew, THROTTLED",
            "LimitExceeded.SomethingNew, THROTTLED",
            "LimitExceeded.TooLargeFileError, INPUT",
            "AuthFailure.SomethingNew, ACCOUNT",
            "UnauthorizedOperation.SomethingNew, ACCOUNT",
            "ResourcesSoldOut.SomethingNew, ACCOUNT",
            "InternalError.SomethingNew, TRANSIENT",
            "InvalidParameterValue.SomethingNew, INPUT",
            "FailedOperation.ImageNoSomething, NO_RESULT",
            "FailedOperation.SomethingNew, AMBIGUOUS",
            "CompletelyUnknown, UNKNOWN",
            "HttpStatus.429, THROTTLED",
            "HttpStatus.500, TRANSIENT",
            "HttpStatus.502, TRANSIENT",
            "HttpStatus.503, TRANSIENT",
            "HttpStatus.504, TRANSIENT",
            "HttpStatus.599, TRANSIENT",
            "HttpStatus.403, ACCOUNT",
            "HttpStatus.404, ACCOUNT",
            "HttpStatus.413, INPUT",
            "HttpStatus.418, UNKNOWN",
            TencentApiException.TIMEOUT + ", TRANSIENT",
            TencentApiException.NETWORK_ERROR + ", TRANSIENT",
            TencentApiException.MALFORMED_RESPONSE + ", TRANSIENT",
            ErrorClassifier.EMPTY_CONTENT + ", INPUT",
            ErrorClassifier.IMAGE_TOO_LARGE + ", INPUT",
            ErrorClassifier.INVALID_REQUEST + ", INPUT",
            ErrorClassifier.PDF_NOT_SUPPORTED + ", INPUT"
    })
    void categorizesFamiliesStatusesAndClientCodes(final String code, final ErrorCategory expected) {
        assertEquals(expected, ErrorClassifier.categorize(code));
    }

    @Test
    void overridesMoveCodesBetweenRetryAndFailure() {
        final ErrorClassifier overridden = new ErrorClassifier(
                ErrorClassifier.parseCodes("FailedOperation.ImageDecodeFailed, InvalidParameter*"),
                ErrorClassifier.parseCodes("FailedOperation.OcrFailed,InternalError,InvalidParameterValue.InvalidParameterValueLimit"));

        assertEquals(Outcome.RETRY, overridden.classify("FailedOperation.ImageDecodeFailed").outcome());
        assertEquals(Outcome.RETRY, overridden.classify("InvalidParameter.ConfigFormatError").outcome());
        assertEquals(Outcome.FAILURE, overridden.classify("FailedOperation.OcrFailed").outcome());
        assertEquals(Outcome.FAILURE, overridden.classify("InternalError").outcome());
        assertEquals(Outcome.FAILURE, overridden.classify("InvalidParameterValue.InvalidParameterValueLimit").outcome());
        assertEquals(ErrorCategory.INPUT, overridden.classify("FailedOperation.ImageDecodeFailed").category());
        assertTrue(overridden.classify("FailedOperation.ImageDecodeFailed").penalize());
        assertFalse(overridden.classify("InternalError").penalize());
    }

    @Test
    void parsesCodeLists() {
        assertEquals(Set.of("A", "B.C"), ErrorClassifier.parseCodes(" A ,, B.C ,"));
        assertEquals(Set.of(), ErrorClassifier.parseCodes(null));
    }
}
