package dev.nifiocr.service;

import dev.nifiocr.service.api.TencentCredentials;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;

import java.util.List;

/**
 * Checks of service settings that would otherwise fail only at send time, for every FlowFile. Explanations name the
 * property, never its value: the values checked here are secrets or tokens.
 */
final class SettingsChecks {

    /** One request every 1,000 seconds; below it the spacing of requests would overflow the limiter's clock arithmetic. */
    static final double MINIMUM_RATE = 0.001;

    private SettingsChecks() {
    }

    static void checkRate(final PropertyDescriptor property, final double perSecond, final List<ValidationResult> results) {
        if (!(perSecond >= MINIMUM_RATE)) {
            results.add(new ValidationResult.Builder().subject(property.getName()).valid(false)
                    .explanation("[%s] must be at least %s requests per second (one every %,.0f seconds)"
                            .formatted(property.getName(), MINIMUM_RATE, 1 / MINIMUM_RATE)).build());
        }
    }

    /** The Secret ID and the Session Token are sent as headers: line breaks and control characters are refused here. */
    static void checkStaticCredentials(final ValidationContext context, final List<ValidationResult> results) {
        if (context.getProperty(StandardTencentCloudClientService.CREDENTIALS_STRATEGY).asAllowableValue(CredentialsStrategy.class)
                != CredentialsStrategy.STATIC_KEYS) {
            return;
        }
        for (final PropertyDescriptor property : List.of(StandardTencentCloudClientService.SECRET_ID, StandardTencentCloudClientService.SESSION_TOKEN)) {
            final String value = context.getProperty(property).getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                TencentCredentials.requireHeaderSafe(property.getName(), value);
            } catch (final IllegalArgumentException e) {
                results.add(new ValidationResult.Builder().subject(property.getName()).valid(false).explanation(e.getMessage()).build());
            }
        }
    }
}
