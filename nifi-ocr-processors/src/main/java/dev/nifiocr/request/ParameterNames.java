package dev.nifiocr.request;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.apache.nifi.components.ConfigVerificationResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds request parameters an Action does not declare. Tencent refuses them (UnknownParameter) only when the request
 * arrives, so Verify names them first, with the declared name a misspelling most likely meant (IsWord: IsWords).
 */
final class ParameterNames {

    private static final ObjectMapper OBJECT_MAPPER = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private ParameterNames() {
    }

    /** The top-level names of a request body OcrRequestBuilder wrote. */
    static List<String> of(final byte[] request) {
        final List<String> names = new ArrayList<>();
        try {
            OBJECT_MAPPER.readTree(request).fieldNames().forEachRemaining(names::add);
        } catch (final IOException e) {
            throw new IllegalArgumentException("Request body is not JSON", e);
        }
        return names;
    }

    /** @return why the names do not fit the Action, or null when all are declared or the Action is not in the catalogue */
    static String undeclared(final String action, final Collection<String> names) {
        final Set<String> declared = ParameterTypes.declaredParameters(action).keySet();
        if (declared.isEmpty()) {
            return null;
        }
        final List<String> unknown = new ArrayList<>();
        for (final String name : names) {
            if (!declared.contains(name)) {
                final String meant = likelyMeant(name, declared);
                unknown.add(meant == null ? "[%s]".formatted(name) : "[%s] (did you mean [%s]?)".formatted(name, meant));
            }
        }
        if (unknown.isEmpty()) {
            return null;
        }
        return "%s does not take %s: Tencent would answer UnknownParameter. Its parameters are %s"
                .formatted(action, String.join(", ", unknown), String.join(", ", declared));
    }

    /** The known name that differs only in case, or that one of the two begins with (IsWord, IsWords); null when none. */
    static String likelyMeant(final String name, final Set<String> declared) {
        final String lower = name.toLowerCase(Locale.ROOT);
        String prefixMatch = null;
        for (final String candidate : declared) {
            final String candidateLower = candidate.toLowerCase(Locale.ROOT);
            if (candidateLower.equals(lower)) {
                return candidate;
            }
            if (prefixMatch == null && lower.length() >= 4 && (candidateLower.startsWith(lower) || lower.startsWith(candidateLower))) {
                prefixMatch = candidate;
            }
        }
        return prefixMatch;
    }

    /** Verify's step for a request body built without its image: each parameter name checked against the Action's. */
    static ConfigVerificationResult verificationStep(final String actionName, final byte[] sample) {
        final ConfigVerificationResult.Builder step = new ConfigVerificationResult.Builder().verificationStepName("Check Parameter Names");
        if (ParameterTypes.declaredParameters(actionName).isEmpty()) {
            return step.outcome(ConfigVerificationResult.Outcome.SKIPPED)
                    .explanation("%s is not in this bundle's catalogue: only Tencent can check its parameters".formatted(actionName)).build();
        }
        final List<String> names = of(sample);
        final String undeclared = undeclared(actionName, names);
        if (undeclared != null) {
            return step.outcome(ConfigVerificationResult.Outcome.FAILED).explanation(undeclared).build();
        }
        return step.outcome(ConfigVerificationResult.Outcome.SUCCESSFUL).explanation(names.isEmpty() ? "No parameters set besides the image"
                : "%s declares %s".formatted(actionName, String.join(", ", names))).build();
    }
}
