package dev.nifiocr.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.document.DocumentKind;
import dev.nifiocr.document.OfdFiles;
import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.error.JsonErrors;
import dev.nifiocr.parsing.ParserGuard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON body of one OCR request from FlowFile content and the processor's parameters, refusing locally
 * what Tencent would refuse anyway: empty content, an image over the Action's limit, a PDF or OFD the Action cannot read,
 * a TIFF. What looks into the content (the OFD container) runs under the {@link ParserGuard}.
 */
public final class OcrRequestBuilder {

    static final String IMAGE_BASE64 = "ImageBase64";
    static final String IMAGE_URL = "ImageUrl";
    static final String OFD_FILE_BASE64 = "OfdFileBase64";
    static final String OFD_FILE_URL = "OfdFileUrl";
    /** API 3.0 accepts POST bodies up to 10 MB with TC3-HMAC-SHA256 signatures. */
    public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    /** The limit assumed for custom Actions, the most any current Action accepts. */
    static final long DEFAULT_MAX_IMAGE_BASE64 = 10L * 1024 * 1024;

    // errors name a line and column, never the content (JsonErrors)
    private static final ObjectMapper OBJECT_MAPPER = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param actionName the Action called
     * @param action the known Action, or null for a custom one (limits then default to the largest)
     * @param parametersJson a JSON object of extra request parameters, or null
     * @param dynamicParameters parameter name to text value, converted to the Action's declared types; text where the
     *     Action declares none ({@link ParameterTypes#convert})
     */
    public record Parameters(String actionName, OcrAction action, String parametersJson, Map<String, String> dynamicParameters) {
    }

    private OcrRequestBuilder() {
    }

    /** A request whose ImageBase64 is the content, Base64-encoded straight into the JSON body. */
    public static byte[] fromImage(final Parameters parameters, final byte[] image) throws InvalidRequestException {
        requireContent(image);
        final OcrAction action = parameters.action();
        if (action != null && isOfd(image) && action.ofd() != OcrAction.Ofd.FIRST_PAGE) {
            return fromOfd(parameters, image);
        }
        if (action != null && !action.acceptsImage()) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST,
                    "%s takes no image: use Request Source [%s]".formatted(action.name(), RequestSource.PARAMETERS_ONLY.getDisplayName()));
        }
        if (action != null && DocumentKind.isTiff(image)) {
            // Tencent's image Actions read PNG, JPG, JPEG and BMP (some PDF); a custom Action, such as lkeap's, may read TIFF
            throw new InvalidRequestException(ErrorCatalogue.TIFF_NOT_SUPPORTED, ("Content is a TIFF, which %s does not read (PNG, JPEG, BMP%s): "
                    + "convert it with CompressImage, or split a multi-page TIFF into PNG pages with SplitDocument")
                    .formatted(action.name(), action.acceptsPdf() ? ", PDF" : ""));
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

        // The body is built in one array of its exact size: a 10 MB request costs 10 MB of memory, not two or three
        // copies. The JDK's array encoder (vectorised; its stream wrapper is not) can only start at index 0, so the image
        // is encoded there and moved behind the parameters in place.
        final byte[] head = write(request);
        final byte[] field = ((head.length > 2 ? "," : "") + "\"" + IMAGE_BASE64 + "\":\"").getBytes(StandardCharsets.US_ASCII);
        final long length = head.length - 1L + field.length + base64Length + 2L;
        if (length > MAX_REQUEST_BYTES) {
            throw tooLargeRequest(length);
        }
        final byte[] payload = new byte[(int) length];
        final int imageStart = head.length - 1 + field.length;
        // standard alphabet with padding and no line breaks, as Tencent requires
        final int encoded = Base64.getEncoder().encode(image, payload);
        System.arraycopy(payload, 0, payload, imageStart, encoded);
        System.arraycopy(head, 0, payload, 0, head.length - 1);
        System.arraycopy(field, 0, payload, head.length - 1, field.length);
        payload[payload.length - 2] = '"';
        payload[payload.length - 1] = '}';
        return payload;
    }

    /**
     * An OFD file as Tencent's OFD parameters (OfdFileBase64; OfdPageNumber stays the user's, Tencent's default is page 1)
     * for the Action that has them, refused for the Actions that read no OFD. RecognizeGeneralInvoice, which reads an
     * OFD's first page without OFD parameters, gets it as ImageBase64 like any image.
     */
    private static byte[] fromOfd(final Parameters parameters, final byte[] ofd) throws InvalidRequestException {
        final OcrAction action = parameters.action();
        if (action.ofd() != OcrAction.Ofd.OFD_PARAMETERS) {
            throw new InvalidRequestException(ErrorClassifier.OFD_NOT_SUPPORTED, "Content is an OFD, which %s does not accept: use %s, or %s "
                    .formatted(action.name(), OcrAction.VerifyOfdVatInvoiceOCR.name(), OcrAction.RecognizeGeneralInvoice.name()) + "(first page only)");
        }
        final ObjectNode request = parameters(parameters);
        request.remove(List.of(IMAGE_BASE64, IMAGE_URL, OFD_FILE_URL));
        request.put(OFD_FILE_BASE64, Base64.getEncoder().encodeToString(ofd));
        return write(request);
    }

    /** A request that names an http(s) image URL on a public host for Tencent to download. */
    static byte[] fromImageUrl(final Parameters parameters, final String imageUrl) throws InvalidRequestException {
        return fromImageUrl(parameters, imageUrl, false);
    }

    /** A request that names an image URL for Tencent to download; non-public hosts only when allowed. */
    static byte[] fromImageUrl(final Parameters parameters, final String imageUrl, final boolean nonPublicAllowed)
            throws InvalidRequestException {
        if (imageUrl == null || imageUrl.isBlank()) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Image URL is empty for this FlowFile");
        }
        final String checked = ImageUrls.check(imageUrl, nonPublicAllowed);
        final ObjectNode request = parameters(parameters);
        request.remove(IMAGE_BASE64);
        request.put(IMAGE_URL, checked);
        return write(request);
    }

    /** A request whose parameters are the content's JSON object, overridden by the processor's parameters. */
    static byte[] fromRequestJson(final Parameters parameters, final byte[] content) throws InvalidRequestException {
        requireContent(content);
        final JsonNode parsed;
        try {
            parsed = OBJECT_MAPPER.readTree(content);
        } catch (final IOException e) {
            throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Content is not JSON: " + JsonErrors.describe(e));
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
    static byte[] fromParameters(final Parameters parameters) throws InvalidRequestException {
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
                throw new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, "Request Parameters are not JSON: " + JsonErrors.describe(e));
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

    private static boolean isOfd(final byte[] content) throws InvalidRequestException {
        return ParserGuard.DOCUMENT.parse("The ZIP container", () -> OfdFiles.isOfd(content), InvalidRequestException::new);
    }

    private static void requireContent(final byte[] content) throws InvalidRequestException {
        if (content.length == 0) {
            throw new InvalidRequestException(ErrorClassifier.EMPTY_CONTENT, "FlowFile content is empty");
        }
    }

    static void checkImageSize(final Parameters parameters, final long base64Length, final String what)
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
            throw tooLargeRequest(payload.length);
        }
        return payload;
    }

    private static InvalidRequestException tooLargeRequest(final long length) {
        return new InvalidRequestException(ErrorClassifier.IMAGE_TOO_LARGE,
                "Request is %,d bytes; API 3.0 accepts at most %,d: shrink the image with CompressImage".formatted(length, MAX_REQUEST_BYTES));
    }

    private static boolean startsWith(final byte[] content, final byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }
}
