package dev.nifiocr.processors;

import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.PropertyValues;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which Action InvokeTencentOCR calls: one of the catalogue's, or a Custom Action named per FlowFile. */
final class ActionChoice {

    static final AllowableValue CUSTOM_ACTION_VALUE = new AllowableValue("CUSTOM", "Custom Action",
            "An Action not in this list, such as one Tencent added later, named in the Custom Action property.");

    static final PropertyDescriptor OCR_ACTION = new PropertyDescriptor.Builder()
            .name("OCR Action")
            .description("The Tencent Cloud OCR Action to call, listed by its name as in Tencent's documentation; each choice's "
                    + "description gives its category, what it returns and its limits. PDF pages, OFD and jobs: additional details.")
            .required(true)
            .allowableValues(values())
            .defaultValue(OcrAction.GeneralBasicOCR.getValue())
            .build();

    static final PropertyDescriptor CUSTOM_ACTION = new PropertyDescriptor.Builder()
            .name("Custom Action")
            .description("Name of the Action to call, e.g. GeneralBasicOCR. Local size checks assume the 10 MB limit and "
                    + "parameter values are typed by their look (true/false, numbers, text).")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(OCR_ACTION, CUSTOM_ACTION_VALUE)
            .build();

    private ActionChoice() {
    }

    /** Every catalogued Action (generated in display-name order, so each category is one block), then Custom Action. */
    static AllowableValue[] values() {
        final List<AllowableValue> values = new ArrayList<>();
        for (final OcrAction action : OcrAction.values()) {
            values.add(new AllowableValue(action.getValue(), action.getDisplayName(), action.getDescription()));
        }
        values.add(CUSTOM_ACTION_VALUE);
        return values.toArray(new AllowableValue[0]);
    }

    static String actionName(final ProcessContext context, final Map<String, String> attributes) throws InvalidRequestException {
        final String selected = context.getProperty(OCR_ACTION).getValue();
        if (!CUSTOM_ACTION_VALUE.getValue().equals(selected)) {
            return selected;
        }
        final String custom = PropertyValues.evaluate(context, CUSTOM_ACTION, attributes);
        return custom == null ? "" : custom.trim();
    }

    /** The Action whose rate limit and budget apply, when known before the FlowFile is taken; null: the service's shared ones. */
    static String knownBeforeFlowFile(final ProcessContext context) {
        final boolean perFlowFile = CUSTOM_ACTION_VALUE.getValue().equals(context.getProperty(OCR_ACTION).getValue())
                && context.getProperty(CUSTOM_ACTION).isExpressionLanguagePresent();
        if (perFlowFile) {
            return null;
        }
        try {
            return actionName(context, Map.of());
        } catch (final InvalidRequestException e) {
            return null; // the FlowFile then fails on the same evaluation, with the property named
        }
    }
}
