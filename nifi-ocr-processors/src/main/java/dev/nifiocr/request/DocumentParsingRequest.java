package dev.nifiocr.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.error.ErrorClassifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Turns a request built the OCR way (ImageBase64 or ImageUrl) into lkeap's CreateReconstructDocumentFlow request: the file
 * as FileBase64 or FileUrl, and FileType, which lkeap requires, from the file's magic bytes unless the user set it.
 */
final class DocumentParsingRequest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> MAGIC = Map.of("%PDF", "PDF", "\u0089PNG", "PNG", "\u00ff\u00d8\u00ff", "JPG", "GIF8", "GIF",
            "BM", "BMP", "II*\u0000", "TIFF", "MM\u0000*", "TIFF");

    private DocumentParsingRequest() {
    }

    static byte[] of(final byte[] ocrRequest) throws InvalidRequestException {
        final ObjectNode request;
        try {
            request = (ObjectNode) MAPPER.readTree(ocrRequest);
        } catch (final IOException | ClassCastException e) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "The request is not a JSON object");
        }
        if (request.has(OcrRequestBuilder.IMAGE_BASE64)) {
            request.set(LkeapAction.FILE_BASE64, request.remove(OcrRequestBuilder.IMAGE_BASE64));
        }
        if (request.has(OcrRequestBuilder.IMAGE_URL)) {
            request.set("FileUrl", request.remove(OcrRequestBuilder.IMAGE_URL));
        }
        final String file = request.path(LkeapAction.FILE_BASE64).asText("");
        if (file.length() > LkeapAction.MAX_FILE_BASE64) {
            throw new InvalidRequestException(ErrorClassifier.IMAGE_TOO_LARGE, "The file is %,d bytes after Base64; lkeap takes at most %,d inline: use a FileUrl"
                    .formatted(file.length(), LkeapAction.MAX_FILE_BASE64));
        }
        if (!request.hasNonNull("FileType")) {
            final String type = fileType(file);
            if (type == null) {
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST,
                        "lkeap needs FileType (PDF, DOCX, PNG...): set it in Request Parameters, e.g. {\"FileType\": \"DOCX\"}");
            }
            request.put("FileType", type);
        }
        try {
            return MAPPER.writeValueAsBytes(request);
        } catch (final IOException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    /** The lkeap FileType of a Base64 file from its first bytes, or null when they name none this knows. */
    static String fileType(final String base64) {
        if (base64.length() < 8) {
            return null;
        }
        final byte[] head;
        try {
            head = Base64.getDecoder().decode(base64.substring(0, 8));
        } catch (final IllegalArgumentException notBase64) {
            // a FileBase64 the user wrote that is not Base64: no type to detect, and no reason to roll the FlowFile back
            return null;
        }
        final String start = new String(head, StandardCharsets.ISO_8859_1);
        for (final Map.Entry<String, String> magic : MAGIC.entrySet()) {
            if (start.startsWith(magic.getKey())) {
                return magic.getValue();
            }
        }
        return null;
    }
}
