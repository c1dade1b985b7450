package dev.nifiocr.error;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides retry or failure for an error code: the {@link ErrorCatalogue}'s route, after the user's overrides (Retry
 * and Failure Error Codes). Processors never look at error strings themselves.
 */
public final class ErrorClassifier {

    // Earlier names of the catalogue's codes, kept so code written against them still compiles.
    public static final String EMPTY_CONTENT = ErrorCatalogue.EMPTY_CONTENT;
    public static final String IMAGE_TOO_LARGE = ErrorCatalogue.IMAGE_TOO_LARGE;
    public static final String INVALID_REQUEST = ErrorCatalogue.INVALID_REQUEST;
    public static final String PDF_NOT_SUPPORTED = ErrorCatalogue.PDF_NOT_SUPPORTED;
    public static final String OFD_NOT_SUPPORTED = ErrorCatalogue.OFD_NOT_SUPPORTED;
    public static final String INVALID_PROPERTY = ErrorCatalogue.INVALID_PROPERTY;
    public static final String DECRYPTION_FAILED = ErrorCatalogue.DECRYPTION_FAILED;
    public static final String ENCRYPTION_NOT_CONFIGURED = ErrorCatalogue.ENCRYPTION_NOT_CONFIGURED;
    public static final String HTTP_STATUS_PREFIX = ErrorCatalogue.HTTP_STATUS_PREFIX;

    private final Set<String> retryCodes;
    private final Set<String> failureCodes;

    /** A classifier with the catalogue's routes only. */
    public ErrorClassifier() {
        this(Set.of(), Set.of());
    }

    /**
     * @param retryCodes codes (or prefixes ending in *) the user wants retried whatever the catalogue says
     * @param failureCodes codes (or prefixes ending in *) the user wants sent to failure whatever the catalogue says
     */
    public ErrorClassifier(final Set<String> retryCodes, final Set<String> failureCodes) {
        this.retryCodes = Set.copyOf(retryCodes);
        this.failureCodes = Set.copyOf(failureCodes);
    }

    /** Splits a comma-separated list of codes, ignoring blanks. */
    public static Set<String> parseCodes(final String commaSeparated) {
        if (commaSeparated == null) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(code -> !code.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public Classification classify(final String errorCode) {
        final ErrorCategory category = categorize(errorCode);
        final Outcome outcome;
        if (matches(failureCodes, errorCode)) {
            outcome = Outcome.FAILURE;
        } else if (matches(retryCodes, errorCode)) {
            outcome = Outcome.RETRY;
        } else {
            outcome = category.outcome();
        }
        return new Classification(category, outcome);
    }

    /** The category of a code from the catalogue: listed, its family, else UNKNOWN. */
    public static ErrorCategory categorize(final String errorCode) {
        return ErrorCatalogue.lookup(errorCode).category();
    }

    private static boolean matches(final Set<String> patterns, final String errorCode) {
        return patterns.stream().anyMatch(pattern -> ErrorCode.matches(pattern, errorCode));
    }
}
