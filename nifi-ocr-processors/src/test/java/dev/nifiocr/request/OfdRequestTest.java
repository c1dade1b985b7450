package dev.nifiocr.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.document.OfdFiles;
import dev.nifiocr.error.ErrorClassifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OFD content: recognised by its container, sent as Tencent's OFD parameters where an Action has them, refused where none reads it. */
class OfdRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void recognisesAnOfdByOFDxmlAtTheRootOfItsZip() throws IOException {
        assertTrue(OfdFiles.isOfd(zip("OFD.xml")));
        assertFalse(OfdFiles.isOfd(zip("word/document.xml")), "another ZIP (a .docx) is no OFD");
        assertFalse(OfdFiles.isOfd(zip("Doc_0/OFD.xml")), "OFD.xml must be at the root");
        assertFalse(OfdFiles.isOfd("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(OfdFiles.isOfd(new byte[] {'P', 'K', 3, 4, 0, 0}), "a broken archive");
    }

    @Test
    void sendsAnOfdAsOfdFileBase64KeepingThePageTheUserAsked() throws Exception {
        final byte[] ofd = zip("OFD.xml");
        final JsonNode request = MAPPER.readTree(OcrRequestBuilder.fromImage(parameters(OcrAction.VerifyOfdVatInvoiceOCR, "{\"OfdPageNumber\": 2}"), ofd));
        assertArrayEquals(ofd, Base64.getDecoder().decode(request.get("OfdFileBase64").asText()));
        assertEquals(2, request.get("OfdPageNumber").asInt());
        assertFalse(request.has("ImageBase64"));
    }

    @Test
    void sendsAnOfdAsAnImageToRecognizeGeneralInvoiceWhichReadsItsFirstPage() throws Exception {
        final byte[] ofd = zip("OFD.xml");
        final JsonNode request = MAPPER.readTree(OcrRequestBuilder.fromImage(parameters(OcrAction.RecognizeGeneralInvoice, null), ofd));
        assertArrayEquals(ofd, Base64.getDecoder().decode(request.get("ImageBase64").asText()));
        assertFalse(request.has("OfdFileBase64"));
        assertFalse(request.has("EnablePdf"), "an OFD is no PDF");
    }

    @Test
    void refusesAnOfdForActionsThatReadNone() throws IOException {
        final byte[] ofd = zip("OFD.xml");
        final InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> OcrRequestBuilder.fromImage(parameters(OcrAction.GeneralBasicOCR, null), ofd));
        assertEquals(ErrorClassifier.OFD_NOT_SUPPORTED, refused.getErrorCode());
        assertTrue(refused.getMessage().contains("VerifyOfdVatInvoiceOCR"), refused.getMessage());
        assertEquals("FAILURE", new ErrorClassifier().classify(ErrorClassifier.OFD_NOT_SUPPORTED).outcome().name());
    }

    private static OcrRequestBuilder.Parameters parameters(final OcrAction action, final String json) {
        return new OcrRequestBuilder.Parameters(action.name(), action, json, Map.of());
    }

    private static byte[] zip(final String entry) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
