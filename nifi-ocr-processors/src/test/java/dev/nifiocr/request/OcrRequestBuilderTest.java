package dev.nifiocr.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.error.ErrorClassifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcrRequestBuilderTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    @Test
    void encodesTheImageAsPlainBase64WithoutLineBreaks() throws Exception {
        final byte[] image = new byte[100_000];
        new Random(7).nextBytes(image);

        final byte[] payload = OcrRequestBuilder.fromImage(parameters(OcrAction.GeneralBasicOCR, "{\"LanguageType\":\"auto\"}"), image);

        final JsonNode body = OBJECT_MAPPER.readTree(payload);
        final String base64 = body.get("ImageBase64").textValue();
        assertFalse(base64.contains("\n") || base64.contains("\r") || base64.startsWith("data:"));
        assertArrayEquals(image, Base64.getDecoder().decode(base64));
        assertEquals("auto", body.get("LanguageType").textValue());
    }

    @Test
    void acceptsAnImageExactlyAtTheLimit() throws Exception {
        // TableOCR: 3 MiB of Base64 is 2,359,296 bytes of image; one more byte crosses the limit
        final OcrRequestBuilder.Parameters tableOcr = parameters(OcrAction.TableOCR, null);
        assertTrue(OcrRequestBuilder.fromImage(tableOcr, new byte[2_359_296]).length > 3 * 1024 * 1024);
        final InvalidRequestException tooLarge = assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromImage(tableOcr, new byte[2_359_297]));
        assertEquals(ErrorClassifier.IMAGE_TOO_LARGE, tooLarge.getErrorCode());
    }

    @Test
    void refusesRequestsOverTheApiLimitEvenWhenTheImageFits() {
        // 10 MiB of Base64 plus JSON overhead exceeds API 3.0's 10 MB request limit
        final InvalidRequestException tooLarge = assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromImage(parameters(OcrAction.GeneralBasicOCR, null), new byte[7_864_320]));
        assertEquals(ErrorClassifier.IMAGE_TOO_LARGE, tooLarge.getErrorCode());
        assertTrue(tooLarge.getMessage().startsWith("Request is"));
    }

    @Test
    void setsEachActionsOwnPdfSwitch() throws Exception {
        final byte[] pdf = "%PDF-1.4 ...".getBytes(StandardCharsets.US_ASCII);
        assertTrue(OBJECT_MAPPER.readTree(OcrRequestBuilder.fromImage(parameters(OcrAction.RecognizeGeneralInvoice, null), pdf))
                .get("EnablePdf").booleanValue());
        assertFalse(OBJECT_MAPPER.readTree(OcrRequestBuilder.fromImage(parameters(OcrAction.GeneralBasicOCR, "{\"IsPdf\":false}"), pdf))
                .get("IsPdf").booleanValue());
        assertFalse(OBJECT_MAPPER.readTree(OcrRequestBuilder.fromImage(parameters(OcrAction.RecognizeTableAccurateOCR, null), pdf))
                .has("IsPdf"));
    }

    @Test
    void refusesImagesForActionsWithoutImages() {
        final InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromImage(parameters(OcrAction.GetOCRToken, null), new byte[]{1}));
        assertEquals(ErrorClassifier.INVALID_REQUEST, refused.getErrorCode());
    }

    @Test
    void checksImageBase64InsideRequestJson() {
        final String json = "{\"ImageBase64\": \"" + "A".repeat(3 * 1024 * 1024 + 4) + "\"}";
        final InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromRequestJson(parameters(OcrAction.TableOCR, null), json.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ErrorClassifier.IMAGE_TOO_LARGE, refused.getErrorCode());
    }

    @Test
    void refusesParametersThatAreNotAJsonObject() {
        assertEquals(ErrorClassifier.INVALID_REQUEST, assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromParameters(parameters(OcrAction.GeneralBasicOCR, "[1]"))).getErrorCode());
        assertEquals(ErrorClassifier.INVALID_REQUEST, assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromParameters(parameters(OcrAction.GeneralBasicOCR, "{"))).getErrorCode());
    }

    @Test
    void refusesBlankImageUrls() {
        assertEquals(ErrorClassifier.INVALID_REQUEST, assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromImageUrl(parameters(OcrAction.GeneralBasicOCR, null), " ")).getErrorCode());
    }

    private static OcrRequestBuilder.Parameters parameters(final OcrAction action, final String json) {
        return new OcrRequestBuilder.Parameters(action.name(), action, json, Map.of());
    }
}
