package dev.nifiocr.processors;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.error.ErrorClassifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the JSON body of one OCR request from FlowFile content and the processor's parameters, refusing locally
 * what Tencent would refuse anyway: empty content, an image over the Action's limit, a PDF the Action cannot read.
 */
public final class OcrRequestBuilder {

    public static final String IMAGE_BASE64 = "ImageBase64";
    public static final String IMAGE_URL = "ImageUrl";
    /** API 3.0 accepts POST bodies up to 10 MB with TC3-HMAC-SHA256 signatures. */
    public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    /** The limit assumed for custom Actions, the most any current Action accepts. */
    public static final long DEFAULT_MAX_IMAGE_BASE64 = 10L * 1024 * 1024;

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param actionName the Action called
     * @param action the known Action, or null for a custom one (limits then default to the largest)
     * @param parametersJson a JSON object of extra request parameters, or null
     * @param dynamicParameters parameter name to text value, converted to the Action's declared types
     */
    public record Parameters(String actionName, OcrAction action, String parametersJson, Map<String, String> dynamicParameters) {
    }

    private OcrRequestBuilder() {
    }

    /** A request whose ImageBase64 is the content, Base64-encoded straight into the JSON body. */
    public static byte[] fromImage(final Parameters parameters, final byte[] image) throws InvalidRequestException {
        requireContent(image);
        final OcrAction action = parameters.action();
        if (action != null && !action.acceptsImage()) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST,
                    "%s takes no image: use Request Source [%s]".formatted(action.name(), RequestSource.PARAMETERS_ONLY.getDisplayName()));
        }
        final long base64Length = 4L * ((image.length + 2L) / 3L);
        checkImageSize(parameters, base64Length, "Image of %,d bytes".formatted(image.length));

        final ObjectNode request = parameters(parameters);
        request.remove(IMAGE_BASE64);
        request.remove(IMAGE_URL);
        if (startsWith(image, PDF_MAGIC) && action != null) {
            if (!action.acceptsPdf()) {
                throw new InvalidRequestException(ErrorClassifier.PDF_NOT_SUPPORTED,
                        "Content is a PDF, which %s does not accept: convert the page to an image first".formatted(action.name()));
            }
            if (!action.pdfFlag().isEmpty() && !request.has(action.pdfFlag())) {
                request.put(action.pdfFlag(), true);
            }
        }

        final ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, base64Length + 1024));
        try (JsonGenerator generator = OBJECT_MAPPER.createGenerator(out)) {
            generator.writeStartObject();
            final Iterator<Map.Entry<String, JsonNode>> fields = request.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                generator.writeFieldName(field.getKey());
                OBJECT_MAPPER.writeTree(generator, field.getValue());
            }
            generator.writeFieldName(IMAGE_BASE64);
            // standard alphabet with padding and no line breaks, as Tencent requires
            generator.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, image, 0, image.length);
            generator.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException("Write request JSON failed", e);
        }
        return checkRequestSize(out.toByteArray());
    }

    /** A request that names an image URL for Tencent to download. */
    public static byte[] fromImageUrl(final Parameters parameters, final String imageUrl) throws InvalidRequestException {
        if (imageUrl == null || imageUrl.isBlank()) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Image URL is empty for this FlowFile");
        }
        final ObjectNode request = parameters(parameters);
        request.remove(IMAGE_BASE64);
        request.put(IMAGE_URL, imageUrl.trim());
        return write(request);
    }

    /** A request whose parameters are the content's JSON object, overridden by the processor's parameters. */
    public static byte[] fromRequestJson(final Parameters parameters, final byte[] content) throws InvalidRequestException {
        requireContent(content);
        final JsonNode parsed;
        try {
            parsed = OBJECT_MAPPER.readTree(content);
        } catch (final IOException e) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Content is not JSON: " + originalMessage(e), e);
        }
        if (parsed == null || !parsed.isObject()) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Content must be a JSON object of request parameters");
        }
        final ObjectNode request = (ObjectNode) parsed;
        request.setAll(parameters(parameters));
        final JsonNode imageBase64 = request.get(IMAGE_BASE64);
        if (imageBase64 != null && imageBase64.isTextual()) {
            checkImageSize(parameters, imageBase64.textValue().length(), "ImageBase64");
        }
        return write(request);
    }

    /** A request made of the processor's parameters alone. */
    public static byte[] fromParameters(final Parameters parameters) throws InvalidRequestException {
        return write(parameters(parameters));
    }

    private static ObjectNode parameters(final Parameters parameters) throws InvalidRequestException {
        final ObjectNode request = OBJECT_MAPPER.createObjectNode();
        final String json = parameters.parametersJson();
        if (json != null && !json.isBlank()) {
            final JsonNode parsed;
            try {
                parsed = OBJECT_MAPPER.readTree(json);
            } catch (final JsonProcessingException e) {
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Request Parameters are not JSON: " + e.getOriginalMessage(), e);
            }
            if (!parsed.isObject()) {
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Request Parameters must be a JSON object");
            }
            request.setAll((ObjectNode) parsed);
        }
        for (final Map.Entry<String, String> parameter : parameters.dynamicParameters().entrySet()) {
            try {
                request.set(parameter.getKey(), ParameterTypes.convert(parameters.actionName(), parameter.getKey(), parameter.getValue()));
            } catch (final IllegalArgumentException e) {
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, e.getMessage(), e);
            }
        }
        return request;
    }

    private static void requireContent(final byte[] content) throws InvalidRequestException {
        if (content.length == 0) {
            throw new InvalidRequestException(ErrorClassifier.EMPTY_CONTENT, "FlowFile content is empty");
        }
    }

    private static void checkImageSize(final Parameters parameters, final long base64Length, final String what)
            throws InvalidRequestException {
        final OcrAction action = parameters.action();
        final long limit = action == null || !action.acceptsImage() ? DEFAULT_MAX_IMAGE_BASE64 : action.maxImageBase64Length();
        if (base64Length > limit) {
            throw new InvalidRequestException(ErrorClassifier.IMAGE_TOO_LARGE,
                    "%s is %,d characters after Base64; %s accepts at most %,d (%d MB): shrink it with CompressImage"
                            .formatted(what, base64Length, parameters.actionName(), limit, limit / (1024 * 1024)));
        }
    }

    private static byte[] write(final ObjectNode request) throws InvalidRequestException {
        try {
            return checkRequestSize(OBJECT_MAPPER.writeValueAsBytes(request));
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("Write request JSON failed", e);
        }
    }

    private static byte[] checkRequestSize(final byte[] payload) throws InvalidRequestException {
        if (payload.length > MAX_REQUEST_BYTES) {
            throw new InvalidRequestException(ErrorClassifier.IMAGE_TOO_LARGE,
                    "Request is %,d bytes; API 3.0 accepts at most %,d: shrink the image with CompressImage".formatted(payload.length, MAX_REQUEST_BYTES));
        }
        return payload;
    }

    private static boolean startsWith(final byte[] content, final byte[] prefix) {
        return content.length >= prefix.length && java.util.Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String originalMessage(final IOException e) {
        return e instanceof JsonProcessingException jsonException ? jsonException.getOriginalMessage() : e.getMessage();
    }
}
