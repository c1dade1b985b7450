package dev.nifiocr.processors;

import dev.nifiocr.request.RetiredOcrAction;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.migration.PropertyConfiguration;

/**
 * Keeps flows that name an Action Tencent removed loading, valid and doing what they did: a retired alias becomes the
 * Action it was another name of; any other retired Action becomes a Custom Action of the same name, so the same request
 * still goes out and Tencent's answer (ActionOffline, InvalidAction) routes each FlowFile to failure with its code.
 * Leaving the old value would make the processor invalid and stop the flow; listing 44 retired Actions would bury the
 * current ones in the OCR Action list; and Tencent has brought removed Actions back before (BankCardOCR).
 */
final class RetiredActionMigration {

    private RetiredActionMigration() {
    }

    static void migrate(final PropertyConfiguration config, final PropertyDescriptor actionProperty,
                        final PropertyDescriptor customActionProperty, final AllowableValue customActionValue) {
        config.getRawPropertyValue(actionProperty.getName()).flatMap(RetiredOcrAction::named).ifPresent(retired -> {
            if (retired.aliasOf() != null) {
                config.setProperty(actionProperty.getName(), retired.aliasOf().getValue());
            } else {
                config.setProperty(actionProperty.getName(), customActionValue.getValue());
                config.setProperty(customActionProperty.getName(), retired.name());
            }
        });
    }
}
