package dev.nifiocr.processors;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcrActionTest {

    @Test
    void listsEveryCurrentAction() {
        assertEquals(78, OcrAction.values().length);
    }

    @Test
    void carriesTencentsImageLimits() {
        assertEquals(10L * 1024 * 1024, OcrAction.GeneralBasicOCR.maxImageBase64Length());
        assertEquals(7L * 1024 * 1024, OcrAction.GeneralFastOCR.maxImageBase64Length());
        assertEquals(3L * 1024 * 1024, OcrAction.TableOCR.maxImageBase64Length());
        assertFalse(OcrAction.VatInvoiceVerifyNew.acceptsImage());
        assertEquals(13, Arrays.stream(OcrAction.values()).filter(action -> action.maxImageBase64Length() == 7L * 1024 * 1024).count());
    }

    @Test
    void knowsWhichActionsReadPdf() {
        assertEquals("IsPdf", OcrAction.GeneralAccurateOCR.pdfFlag());
        assertEquals("EnablePdf", OcrAction.RecognizeGeneralInvoice.pdfFlag());
        assertTrue(OcrAction.RecognizeTableAccurateOCR.acceptsPdf());
        assertFalse(OcrAction.IDCardOCR.acceptsPdf());
    }

    @Test
    void describesEachActionWithItsCategory() {
        for (final OcrAction action : OcrAction.values()) {
            assertTrue(action.getDescription().startsWith(action.getCategory().getLabel() + ": "), action.name());
            assertEquals(action.name(), action.getValue());
        }
    }
}
