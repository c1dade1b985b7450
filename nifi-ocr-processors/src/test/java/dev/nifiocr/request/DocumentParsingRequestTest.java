package dev.nifiocr.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.error.ErrorCatalogue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentParsingRequestTest {

    @Test
    void detectsTheFileTypeFromItsFirstBytes() throws Exception {
        final String pdf = Base64.getEncoder().encodeToString("%PDF-1.7 rest".getBytes(StandardCharsets.US_ASCII));
        final byte[] request = DocumentParsingRequest.of(("{\"ImageBase64\": \"" + pdf + "\"}").getBytes(StandardCharsets.US_ASCII));
        assertEquals("PDF", new ObjectMapper().readTree(request).path("FileType").asText());
    }

    /** Was an IllegalArgumentException out of SubmitTencentOCRJob.onTrigger: a rollback, the FlowFile taken again forever. */
    @Test
    void aFileBase64ThatIsNotBase64IsARefusalNotARollback() {
        final InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> DocumentParsingRequest.of("{\"FileBase64\": \"!!!! not base64 !!!!\"}".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ErrorCatalogue.INVALID_REQUEST, refused.getErrorCode());
    }
}
