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

/** Builds a request body from the request properties InvokeTencentOCR and EncryptOCRPayload share. */
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
        return new OcrRequestBuilder.Parameters(actionName, knownAction(actionName),
                PropertyValues.evaluate(context, CallProperties.REQUEST_PARAMETERS, attributes, RequestProperties::jsonEscape), dynamic);
    }

    public static byte[] buildPayload(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                               final OcrRequestBuilder.Parameters parameters) throws InvalidRequestException {
        final RequestSource source = context.getProperty(CallProperties.REQUEST_SOURCE).asAllowableValue(RequestSource.class);
        ContentSize.check(source, flowFile, parameters);
        return switch (source) {
            case CONTENT_IMAGE -> OcrRequestBuilder.fromImage(parameters, readContent(session, flowFile));
            case CONTENT_REQUEST_JSON -> OcrRequestBuilder.fromRequestJson(parameters, readContent(session, flowFile));
            case IMAGE_URL -> OcrRequestBuilder.fromImageUrl(parameters,
                    PropertyValues.evaluate(context, CallProperties.IMAGE_URL, flowFile.getAttributes()),
                    context.getProperty(CallProperties.ALLOW_NON_PUBLIC_IMAGE_URLS).asBoolean());
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

    private static OcrAction knownAction(final String actionName) {
        for (final OcrAction action : OcrAction.values()) {
            if (action.name().equals(actionName)) {
                return action;
            }
        }
        return null;
    }
}
