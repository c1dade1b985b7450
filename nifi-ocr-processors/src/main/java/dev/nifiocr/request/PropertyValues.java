package dev.nifiocr.request;

import dev.nifiocr.error.ErrorClassifier;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.AttributeValueDecorator;
import org.apache.nifi.processor.ProcessContext;

import java.util.Map;

/**
 * Evaluates properties for one FlowFile. An expression that fails for this FlowFile's attributes (a date that does not
 * parse, JSON that is not JSON) will fail the same way on every try: it becomes an {@link InvalidRequestException} with
 * {@link ErrorClassifier#INVALID_PROPERTY} naming the property, so the FlowFile goes to failure instead of rolling back
 * in a loop.
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    public static String evaluate(final ProcessContext context, final PropertyDescriptor property, final Map<String, String> attributes)
            throws InvalidRequestException {
        return evaluate(context, property, attributes, null);
    }

    /** As {@link #evaluate(ProcessContext, PropertyDescriptor, Map)}, with each inserted attribute value passed through the decorator. */
    public static String evaluate(final ProcessContext context, final PropertyDescriptor property, final Map<String, String> attributes,
                           final AttributeValueDecorator decorator) throws InvalidRequestException {
        try {
            return context.getProperty(property).evaluateAttributeExpressions(attributes, decorator).getValue();
        } catch (final RuntimeException e) {
            // Expression Language errors are runtime exceptions of the framework's EL module; their text names the function
            throw new InvalidRequestException(ErrorClassifier.INVALID_PROPERTY,
                    "Property [%s] cannot be evaluated for this FlowFile: %s".formatted(property.getName(), e.getMessage()), e);
        }
    }
}
