package dev.nifiocr.processors;

import dev.nifiocr.request.OcrAction;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.PropertyMigrationResult;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetiredActionMigrationTest {

    @Test
    void retiredActionBecomesACustomActionOfTheSameName() {
        final TestRunner runner = TestRunners.newTestRunner(InvokeTencentOCR.class);
        assertFalse(runner.setProperty(InvokeTencentOCR.OCR_ACTION, "TaxiInvoiceOCR").isValid(), "no longer a choice");

        final PropertyMigrationResult result = runner.migrateProperties();

        assertEquals(InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue(), raw(runner, InvokeTencentOCR.OCR_ACTION));
        assertEquals("TaxiInvoiceOCR", raw(runner, InvokeTencentOCR.CUSTOM_ACTION));
        assertTrue(result.getPropertiesUpdated().contains(InvokeTencentOCR.CUSTOM_ACTION.getName()));
    }

    @Test
    void retiredAliasBecomesTheActionItNamed() {
        final TestRunner runner = TestRunners.newTestRunner(InvokeTencentOCR.class);
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, "SmartStructuralOCRV2");

        runner.migrateProperties();

        assertEquals(OcrAction.ExtractDocBasic.getValue(), raw(runner, InvokeTencentOCR.OCR_ACTION));
        assertNull(raw(runner, InvokeTencentOCR.CUSTOM_ACTION));
    }

    @Test
    void currentActionsAndCustomActionsStayAsTheyAre() {
        final TestRunner runner = TestRunners.newTestRunner(InvokeTencentOCR.class);
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.RecognizeGeneralInvoice.getValue());
        assertTrue(runner.migrateProperties().getPropertiesUpdated().isEmpty());
        assertEquals("RecognizeGeneralInvoice", raw(runner, InvokeTencentOCR.OCR_ACTION));

        runner.setProperty(InvokeTencentOCR.OCR_ACTION, InvokeTencentOCR.CUSTOM_ACTION_VALUE.getValue());
        runner.setProperty(InvokeTencentOCR.CUSTOM_ACTION, "${ocr.action}");
        assertTrue(runner.migrateProperties().getPropertiesUpdated().isEmpty());
        assertEquals("${ocr.action}", raw(runner, InvokeTencentOCR.CUSTOM_ACTION));
    }

    /** The value as saved in the flow: what the migration changed. */
    private static String raw(final TestRunner runner, final PropertyDescriptor property) {
        return runner.getProcessContext().getProperties().get(property);
    }
}
