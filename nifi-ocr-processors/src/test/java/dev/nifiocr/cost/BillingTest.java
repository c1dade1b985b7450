package dev.nifiocr.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BillingTest {

    /** Every code of the shared reference with Tencent's billed flag (page 866/45470): true, false, or null when not listed. */
    static List<Arguments> referenceCodes() {
        final List<Arguments> arguments = new ArrayList<>();
        for (final JsonNode code : Fixtures.json("tencent-ocr-error-codes.json").get("codes")) {
            final JsonNode billed = code.get("billed_per_866_45470");
            arguments.add(Arguments.of(code.get("code").asText(), billed == null || billed.isNull() ? null : billed.asBoolean()));
        }
        return arguments;
    }

    @ParameterizedTest
    @MethodSource("referenceCodes")
    void classifiesEveryReferenceCodeAsTencentsPageSays(final String code, final Boolean billed) {
        final BillingStatus expected;
        if (billed != null) {
            expected = billed ? BillingStatus.BILLED : BillingStatus.NOT_BILLED;
        } else if (code.startsWith("AuthFailure")) {
            expected = BillingStatus.NOT_BILLED;
        } else {
            expected = BillingStatus.UNCERTAIN;
        }
        assertEquals(expected, Billing.status(false, code), code);
        assertEquals(expected != BillingStatus.NOT_BILLED, Billing.isBillable(false, code), code);
    }

    @Test
    void referenceListsEveryCodeAndTheBilledOnes() {
        final List<Arguments> codes = referenceCodes();
        assertEquals(95, codes.size());
        // the four billed failures of the page are all in the reference, and in the table
        assertEquals(4, codes.stream().filter(arguments -> Boolean.TRUE.equals(arguments.get()[1])).count());
        for (final String billed : List.of("FailedOperation.InvoiceMismatch", "ResourceNotFound.NoInvoice", "FailedOperation.EmptyImageError",
                "FailedOperation.ImageNoBusinessCard")) {
            assertEquals(BillingStatus.BILLED, Billing.status(false, billed), billed);
        }
    }

    @Test
    void successIsBilled() {
        assertEquals(BillingStatus.BILLED, Billing.status(true, null));
        assertTrue(Billing.isBillable(true, null));
    }

    @Test
    void noTextIsNotBilledButEmptyImageIs() {
        assertFalse(Billing.isBillable(false, "FailedOperation.ImageNoText"));
        assertTrue(Billing.isBillable(false, "FailedOperation.EmptyImageError"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TencentApiException.TIMEOUT, TencentApiException.NETWORK_ERROR, TencentApiException.MALFORMED_RESPONSE,
            TencentApiException.ANSWER_TOO_LARGE, "HttpStatus.502", "RequestLimitExceeded", "FailedOperation.SomethingNew", "CompletelyUnknown"})
    void sentCallsWithoutAListedAnswerCountAsBilled(final String code) {
        assertEquals(BillingStatus.UNCERTAIN, Billing.status(false, code));
        assertTrue(Billing.isBillable(false, code));
    }
}
