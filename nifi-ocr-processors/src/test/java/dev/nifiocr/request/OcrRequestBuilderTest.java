package dev.nifiocr.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.error.ErrorCatalogue;
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

    /** Fails on the code issue 22 started from: the dynamic property reached Tencent as the number 110101199003077777. */
    @Test
    void undeclaredDynamicParametersArriveAsTheTextTyped() throws Exception {
        final Map<String, String> dynamic = Map.of("CitizenId", "110101199003077777", "SerialNo", "007", "Flag", "true", "IsWords", "true");
        final JsonNode body = OBJECT_MAPPER.readTree(OcrRequestBuilder.fromParameters(
                new OcrRequestBuilder.Parameters(OcrAction.GeneralBasicOCR.name(), OcrAction.GeneralBasicOCR, null, dynamic)));
        assertEquals("110101199003077777", body.get("CitizenId").textValue());
        assertEquals("007", body.get("SerialNo").textValue());
        assertEquals("true", body.get("Flag").textValue());
        assertTrue(body.get("IsWords").isBoolean(), "declared parameters keep their declared type");
    }

    @Test
    void requestParametersJsonKeepsTheTypesWritten() throws Exception {
        final JsonNode body = OBJECT_MAPPER.readTree(OcrRequestBuilder.fromParameters(parameters(OcrAction.GeneralBasicOCR,
                "{\"CitizenId\": \"110101199003077777\", \"Count\": 110101199003077777, \"Flag\": true, \"Ratio\": 0.5, \"Items\": [1]}")));
        assertEquals("110101199003077777", body.get("CitizenId").textValue());
        assertEquals(110101199003077777L, body.get("Count").longValue());
        assertTrue(body.get("Count").isIntegralNumber());
        assertTrue(body.get("Flag").isBoolean());
        assertTrue(body.get("Ratio").isNumber());
        assertTrue(body.get("Items").isArray());
    }

    /** TIFF in every byte order and BigTIFF; Tencent's image Actions read none of them. */
    @Test
    void refusesTiffForKnownActionsNamingCompressImage() throws Exception {
        for (final byte[] tiff : new byte[][] {{'I', 'I', 42, 0, 8, 0, 0, 0}, {'M', 'M', 0, 42, 0, 0, 0, 8}, {'I', 'I', 43, 0, 8, 0, 0, 0}}) {
            final InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                    () -> OcrRequestBuilder.fromImage(parameters(OcrAction.GeneralBasicOCR, null), tiff));
            assertEquals(ErrorCatalogue.TIFF_NOT_SUPPORTED, refused.getErrorCode());
            assertTrue(refused.getMessage().contains("CompressImage"), refused.getMessage());
        }
        // a custom Action is Tencent's to judge
        final byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0};
        final JsonNode body = OBJECT_MAPPER.readTree(OcrRequestBuilder.fromImage(new OcrRequestBuilder.Parameters("FutureOCR", null, null, Map.of()), tiff));
        assertArrayEquals(tiff, Base64.getDecoder().decode(body.get("ImageBase64").textValue()));
    }

    private static OcrRequestBuilder.Parameters parameters(final OcrAction action, final String json) {
        return new OcrRequestBuilder.Parameters(action.name(), action, json, Map.of());
    }
}
