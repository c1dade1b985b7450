package dev.nifiocr.client;

import dev.nifiocr.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseEnvelopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"GeneralBasicOCR-1.json", "GeneralAccurateOCR-1.json", "IDCardOCR-2.json", "RecognizeTableOCR-1.json",
            "VatInvoiceOCR-1.json", "RecognizeGeneralInvoice-1.json", "RecognizeEncryptedIDCardOCR-1.json", "BankCardOCR-1.json"})
    void readsRequestIdOfSuccessfulAnswers(final String fixture) throws IOException {
        final ResponseEnvelope envelope = ResponseEnvelope.parse(Fixtures.bytes(fixture));
        assertEquals(Fixtures.json(fixture).at("/Response/RequestId").asText(), envelope.requestId());
        assertNull(envelope.errorCode());
    }

    @Test
    void readsErrors() throws IOException {
        final ResponseEnvelope envelope = ResponseEnvelope.parse(Fixtures.bytes("error-AuthFailure.SignatureFailure-1.json"));
        assertEquals("AuthFailure.SignatureFailure", envelope.errorCode());
        assertNotNull(envelope.errorMessage());
        assertNotNull(envelope.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{}", "{\"Response\": 1}", "{\"Response\": {}} trailing", "<html>502</html>",
            "{\"Response\": {\"Error\": {\"Message\": \"no code\"}}}",
            // an Error without a Code string was taken for success
            "{\"Response\": {\"Error\": {}, \"RequestId\": \"r\"}}",
            "{\"Response\": {\"Error\": {\"Code\": \"\"}}}",
            "{\"Response\": {\"Error\": {\"Code\": {\"x\": 1}}}}",
            "{\"Response\": {\"Error\": \"InternalError\"}}",
            "{\"Response\": {\"Error\": null}}",
            // a second Response could hide the first one's error
            "{\"Response\": {\"Error\": {\"Code\": \"InternalError\"}}, \"Response\": {\"RequestId\": \"r\"}}",
            "{\"Response\": {\"RequestId\": \"r\"}} {\"Response\": {}}", "\"Response\"", "42", "null"})
    void refusesWhatIsNotAnEnvelope(final String body) {
        assertThrows(IOException.class, () -> ResponseEnvelope.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesTruncatedBodies() {
        final byte[] whole = Fixtures.bytes("GeneralBasicOCR-1.json");
        assertThrows(IOException.class, () -> ResponseEnvelope.parse(Arrays.copyOf(whole, whole.length / 2)));
    }

    @Test
    void describesBrokenJsonByPositionNeverByContent() {
        final IOException broken = assertThrows(IOException.class,
                () -> ResponseEnvelope.parse("{\"Response\": {\n \"Name\": secret-field-value}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(broken.getMessage().contains("line 2"), broken.getMessage());
        assertFalse(broken.getMessage().contains("secret"), broken.getMessage());
        final IOException trailing = assertThrows(IOException.class,
                () -> ResponseEnvelope.parse("{\"Response\": {}}\nsecret-trailer".getBytes(StandardCharsets.UTF_8)));
        assertFalse(trailing.getMessage().contains("secret"), trailing.getMessage());
    }
}
