package dev.nifiocr.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Changed on purpose (issue 22): undeclared parameters used to be typed by their look, so an ID number became a JSON number. */
    @ParameterizedTest
    @ValueSource(strings = {"110101199003077777", "007", "12", "-3", "0.5", "1e3", "true", "false", "null", "{\"a\": 1}", "[3, 8]", " 12 "})
    void undeclaredParametersKeepTheTextThatWasTyped(final String value) {
        assertTrue(ParameterTypes.convert("FutureOCR", "CitizenId", value).isTextual());
        assertEquals(value, ParameterTypes.convert("FutureOCR", "CitizenId", value).textValue());
        assertEquals(value, ParameterTypes.convert("GeneralBasicOCR", "NoSuchParameter", value).textValue());
    }

    @Test
    void knowsTheDocumentParsingActionsTypes() {
        assertEquals(2, ParameterTypes.convert("CreateReconstructDocumentFlow", "FileEndPageNumber", "2").intValue());
        assertTrue(ParameterTypes.convert("CreateReconstructDocumentFlow", "Config", "{\"TableResultType\": \"1\"}").isObject());
        assertTrue(ParameterTypes.convert("CreateReconstructDocumentFlow", "FileType", "PDF").isTextual());
        assertEquals(ParameterTypes.Type.STRING, ParameterTypes.declared("GetReconstructDocumentResult", "TaskId"));
    }
}
