package dev.nifiocr.request;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/** Builds a request body from the request properties the processors that call Tencent share. */
public final class RequestProperties {

    private RequestProperties() {
    }

    public static OcrRequestBuilder.Parameters parameters(final ProcessContext context, final Map<String, String> attributes, final String actionName)
            throws InvalidRequestException {
        final Map<String, String> dynamic = new HashMap<>();
        for (final PropertyDescriptor descriptor : context.getProperties().keySet()) {
            if (descriptor.isDynamic()) {
                dynamic.put(descriptor.getName(), PropertyValues.evaluate(context, descriptor, attributes));
            }
        }
        // attribute values are JSON-escaped as they are inserted, so they stay inside their string and cannot add keys
        return new OcrRequestBuilder.Parameters(actionName, TencentAction.ocr(actionName).orElse(null),
                PropertyValues.evaluate(context, CallProperties.REQUEST_PARAMETERS, attributes, RequestProperties::jsonEscape), dynamic);
    }

    public static byte[] buildPayload(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                               final OcrRequestBuilder.Parameters parameters) throws InvalidRequestException {
        return build(context, session, flowFile, parameters, context.getProperty(CallProperties.REQUEST_SOURCE).asAllowableValue(RequestSource.class),
                CallProperties.IMAGE_URL, CallProperties.ALLOW_NON_PUBLIC_IMAGE_URLS);
    }

    /** The request of a job Action, from the job processors' properties; for lkeap turned into its file request. */
    public static byte[] buildJobPayload(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                         final TencentAction action) throws InvalidRequestException {
        final RequestSource source = context.getProperty(CallProperties.DOCUMENT_SOURCE).asAllowableValue(DocumentSource.class).requestSource();
        final byte[] payload = build(context, session, flowFile, parameters(context, flowFile.getAttributes(), action.name()), source,
                CallProperties.DOCUMENT_URL, null);
        return action.documentParsing() ? DocumentParsingRequest.of(payload) : payload;
    }

    /** @param allowNonPublic the property that allows non-public URL hosts, or null when they are never allowed */
    private static byte[] build(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                                final OcrRequestBuilder.Parameters parameters, final RequestSource source, final PropertyDescriptor url,
                                final PropertyDescriptor allowNonPublic) throws InvalidRequestException {
        ContentSize.check(source, flowFile, parameters);
        return switch (source) {
            case CONTENT_IMAGE -> OcrRequestBuilder.fromImage(parameters, readContent(session, flowFile));
            case CONTENT_REQUEST_JSON -> OcrRequestBuilder.fromRequestJson(parameters, readContent(session, flowFile));
            case IMAGE_URL -> OcrRequestBuilder.fromImageUrl(parameters, PropertyValues.evaluate(context, url, flowFile.getAttributes()),
                    allowNonPublic != null && context.getProperty(allowNonPublic).asBoolean());
            case PARAMETERS_ONLY -> OcrRequestBuilder.fromParameters(parameters);
        };
    }

    private static String jsonEscape(final String value) {
        return value == null ? null : new String(JsonStringEncoder.getInstance().quoteAsString(value));
    }

    public static PropertyDescriptor dynamicParameter(final String name) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description("Request parameter " + name)
                .dynamic(true)
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
                .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
                .build();
    }

    public static byte[] readContent(final ProcessSession session, final FlowFile flowFile) {
        try (InputStream in = session.read(flowFile)) {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new ProcessException("Read FlowFile content failed", e);
        }
    }
}
