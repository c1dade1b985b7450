package dev.nifiocr.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterTypesTest {

    @Test
    void knowsTencentsDeclaredTypes() {
        assertEquals(ParameterTypes.Type.BOOLEAN, ParameterTypes.declared("GeneralBasicOCR", "IsPdf"));
        assertEquals(ParameterTypes.Type.INTEGER, ParameterTypes.declared("GeneralBasicOCR", "PdfPageNumber"));
        assertEquals(ParameterTypes.Type.STRING, ParameterTypes.declared("IDCardOCR", "Config"));
        assertEquals(ParameterTypes.Type.ARRAY, ParameterTypes.declared("RecognizeGeneralInvoice", "Types"));
        assertNull(ParameterTypes.declared("GeneralBasicOCR", "NoSuchParameter"));
    }

    @Test
    void listsTheParametersAnActionDeclares() {
        assertEquals(java.util.Map.of("OCRToken", ParameterTypes.Type.STRING), ParameterTypes.declaredParameters("GetOCRResult"));
        assertEquals(ParameterTypes.Type.INTEGER, ParameterTypes.declaredParameters("ArithmeticOCR").get("PdfPageIndex"));
        assertTrue(ParameterTypes.declaredParameters("FutureOCR").isEmpty());
    }

    @Test
    void convertsToTheDeclaredType() {
        assertTrue(ParameterTypes.convert("IDCardOCR", "Config", "{\"CopyWarn\":true}").isTextual());
        assertTrue(ParameterTypes.convert("VatInvoiceVerifyNew", "InvoiceNo", "0123").isTextual());
        assertEquals(2, ParameterTypes.convert("GeneralBasicOCR", "PdfPageNumber", " 2 ").intValue());
        assertTrue(ParameterTypes.convert("GeneralBasicOCR", "IsWords", "true").booleanValue());
        assertEquals(3, ParameterTypes.convert("RecognizeGeneralInvoice", "Types", "[3, 8]").get(0).intValue());
    }

    @Test
    void refusesValuesOfTheWrongType() {
        assertThrows(IllegalArgumentException.class, () -> ParameterTypes.convert("GeneralBasicOCR", "IsWords", "TRUE"));
        assertThrows(IllegalArgumentException.class, () -> ParameterTypes.convert("GeneralBasicOCR", "PdfPageNumber", "two"));
        assertThrows(IllegalArgumentException.class, () -> ParameterTypes.convert("RecognizeGeneralInvoice", "Types", "3"));
    }

    @Test
    void guessesTypesOfUndeclaredParameters() {
        assertTrue(ParameterTypes.convert("FutureOCR", "Flag", "false").isBoolean());
        assertTrue(ParameterTypes.convert("FutureOCR", "Count", "12").isIntegralNumber());
        assertTrue(ParameterTypes.convert("FutureOCR", "Ratio", "0.5").isNumber());
        assertTrue(ParameterTypes.convert("FutureOCR", "Name", "FRONT").isTextual());
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "00", "+1", "-01", "1e3", "01.5", " 12", "12 ", "1234567890123456789012"})
    void keepsTheTextOfUndeclaredValuesThatAreNotCanonicalNumbers(final String value) {
        assertEquals(value, ParameterTypes.convert("FutureOCR", "Code", value).textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-3", "1.50", "-0.25"})
    void typesCanonicalNumbersOfUndeclaredParametersAsNumbers(final String value) {
        assertEquals(new BigDecimal(value), ParameterTypes.convert("FutureOCR", "Count", value).decimalValue());
    }
}
