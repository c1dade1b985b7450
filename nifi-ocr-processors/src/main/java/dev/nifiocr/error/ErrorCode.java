package dev.nifiocr.error;

/**
 * One row of the {@link ErrorCatalogue}: an error code (or a family, ending in *) and what it means for a FlowFile.
 *
 * @param code        Tencent's code, this bundle's Client.* code, HttpStatus.n, or a family prefix ending in *
 * @param category    why the call did not produce a result; decides the default route
 * @param billing     whether Tencent bills the call that ended with this code
 * @param description the meaning, in a few words
 */
public record ErrorCode(String code, ErrorCategory category, Billing billing, String description) {

    static final String FAMILY_SUFFIX = "*";

    /** Where the FlowFile goes unless Retry or Failure Error Codes say otherwise. */
    public Outcome route() {
        return category.outcome();
    }

    /** Whether this row stands for every code starting with its prefix. */
    public boolean family() {
        return code.endsWith(FAMILY_SUFFIX);
    }

    boolean covers(final String errorCode) {
        return matches(code, errorCode);
    }

    /** Whether a code is the pattern, or starts with it when the pattern ends in *. */
    static boolean matches(final String pattern, final String errorCode) {
        return pattern.endsWith(FAMILY_SUFFIX) ? errorCode.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(errorCode);
    }
}
