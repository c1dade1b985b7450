package dev.nifiocr.client;

import dev.nifiocr.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            "{\"Response\": {\"Error\": {\"Message\": \"no code\"}}}"})
    void refusesWhatIsNotAnEnvelope(final String body) {
        assertThrows(IOException.class, () -> ResponseEnvelope.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesTruncatedBodies() {
        final byte[] whole = Fixtures.bytes("GeneralBasicOCR-1.json");
        assertThrows(IOException.class, () -> ResponseEnvelope.parse(Arrays.copyOf(whole, whole.length / 2)));
    }
}
