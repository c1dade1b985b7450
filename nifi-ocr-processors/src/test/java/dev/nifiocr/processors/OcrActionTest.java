package dev.nifiocr.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.PageParameter;
import dev.nifiocr.request.OcrRequestBuilder;
import org.apache.nifi.components.AllowableValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcrActionTest {

    /** The Action name, then a hint after a middle dot when one fits. */
    private static final Pattern DISPLAY_NAME = Pattern.compile("([A-Za-z0-9]+)(?: \u00b7 [A-Za-z0-9(][^\u00b7]*)?");

    @Test
    void listsEveryCurrentAction() {
        assertEquals(80, OcrAction.values().length);
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
        assertEquals("EnablePdfRecognize", OcrAction.ArithmeticOCR.pdfFlag());
        assertEquals("", OcrAction.RecognizeTableAccurateOCR.pdfFlag());
        assertEquals("", OcrAction.QrcodeOCR.pdfFlag(), "reads PDF, no switch");
        assertTrue(OcrAction.RecognizeTableAccurateOCR.acceptsPdf());
        assertFalse(OcrAction.IDCardOCR.acceptsPdf());
        assertNull(OcrAction.IDCardOCR.pdfFlag());
        assertEquals(PageParameter.PDF_PAGE_INDEX, OcrAction.ArithmeticOCR.pageParameter());
        assertEquals(0, OcrAction.ArithmeticOCR.pageParameter().firstPage());
        assertEquals("PdfPageNumber", OcrAction.SealOCR.pageParameter().pageParameter());
        assertEquals(1, OcrAction.SealOCR.pageParameter().firstPage());
    }

    @Test
    void requestsSwitchPdfOnOnlyWhereTheActionHasASwitch() throws Exception {
        final byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        final JsonNode arithmetic = new ObjectMapper().readTree(OcrRequestBuilder.fromImage(
                new OcrRequestBuilder.Parameters("ArithmeticOCR", OcrAction.ArithmeticOCR, null, Map.of()), pdf));
        assertTrue(arithmetic.get("EnablePdfRecognize").booleanValue());
        // QrcodeOCR reads PDF without a switch or page parameter: the PDF goes as it is
        final JsonNode qrcode = new ObjectMapper().readTree(OcrRequestBuilder.fromImage(
                new OcrRequestBuilder.Parameters("QrcodeOCR", OcrAction.QrcodeOCR, null, Map.of()), pdf));
        assertEquals(List.of("ImageBase64"), qrcode.properties().stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void pairsJobsBothWays() {
        for (final OcrAction action : OcrAction.values()) {
            if (action.jobPartner() != null) {
                assertEquals(action, action.jobPartner().jobPartner(), action.name());
                assertTrue(action.name().startsWith("Submit") != action.jobPartner().name().startsWith("Submit"), action.name());
            }
        }
        assertEquals(OcrAction.DescribeQuestionSplitJob, OcrAction.SubmitQuestionSplitJob.jobPartner());
    }

    @Test
    void displayNamesStartWithTheActionName() {
        assertEquals("RecognizeGeneralInvoice \u00b7 Invoices", OcrAction.RecognizeGeneralInvoice.getDisplayName());
        assertEquals("RideHailingTransportLicenseOCR", OcrAction.RideHailingTransportLicenseOCR.getDisplayName(), "no hint fits after it");
        for (final OcrAction action : OcrAction.values()) {
            final Matcher parts = DISPLAY_NAME.matcher(action.getDisplayName());
            assertTrue(parts.matches(), action.getDisplayName());
            assertEquals(action.name(), parts.group(1));
            assertEquals(action.name(), action.getValue(), "flows save the value: it stays the Action name");
        }
    }

    @Test
    void displayNamesAreSortedByActionName() {
        final List<String> names = Arrays.stream(OcrAction.values()).map(OcrAction::getDisplayName).toList();
        final List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names);
        assertEquals(names.size(), new HashSet<>(names).size());
    }

    @Test
    void descriptionsStartWithTheCategory() {
        for (final OcrAction action : OcrAction.values()) {
            assertTrue(action.getDescription().startsWith(action.getCategory().getLabel() + ": "), action.getDescription());
        }
        assertTrue(OcrAction.RecognizeGeneralInvoice.getDescription().startsWith("Bills and Invoices: Any of 25 bill and invoice types"));
    }

    @Test
    void descriptionsSayWhatTheActionReturns() {
        for (final OcrAction action : OcrAction.values()) {
            assertTrue(action.getDescription().contains(" Returns "), action.name());
            assertTrue(action.getDescription().length() < 400, action.name());
        }
        assertTrue(OcrAction.GeneralBasicOCR.getDescription().contains("Returns TextDetections"));
        assertTrue(OcrAction.ArithmeticOCR.getDescription().contains("PdfPageIndex from 0"));
    }

    @Test
    void ocrActionPropertyOffersTheDisplayNamesThenCustomAction() {
        final List<AllowableValue> values = InvokeTencentOCR.OCR_ACTION.getAllowableValues();
        assertEquals(OcrAction.values().length + 1, values.size());
        for (int i = 0; i < OcrAction.values().length; i++) {
            assertEquals(OcrAction.values()[i].getValue(), values.get(i).getValue());
            assertEquals(OcrAction.values()[i].getDisplayName(), values.get(i).getDisplayName());
            assertEquals(OcrAction.values()[i].getDescription(), values.get(i).getDescription());
        }
        assertEquals(InvokeTencentOCR.CUSTOM_ACTION_VALUE, values.get(values.size() - 1));
    }
}
