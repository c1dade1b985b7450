package dev.nifiocr.error;

import dev.nifiocr.service.api.TencentApiException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides retry or failure from an error code: Tencent's own codes (every code the OCR API declares, plus the
 * common API 3.0 codes), this bundle's client codes and HTTP statuses. One table, tested row by row; processors
 * never look at error strings themselves. Users move codes between retry and failure with overrides.
 */
public final class ErrorClassifier {

    /** Codes this bundle gives to input refused before any call. */
    public static final String EMPTY_CONTENT = "Client.EmptyContent";
    public static final String IMAGE_TOO_LARGE = "Client.ImageTooLarge";
    public static final String INVALID_REQUEST = "Client.InvalidRequest";
    public static final String PDF_NOT_SUPPORTED = "Client.PdfNotSupported";
    public static final String OFD_NOT_SUPPORTED = "Client.OfdNotSupported";
    /** A property value, evaluated for one FlowFile (Expression Language, attributes), is not usable; the message names the property. */
    public static final String INVALID_PROPERTY = "Client.InvalidProperty";
    /** The encrypted answer did not decrypt with the request's session key. */
    public static final String DECRYPTION_FAILED = "Client.DecryptionFailed";
    /** Encryption was asked for but the client service has no public key or protection secret for it. */
    public static final String ENCRYPTION_NOT_CONFIGURED = "Client.EncryptionNotConfigured";
    /** Prefix of the code given to an HTTP error answer that carries no API 3.0 error, e.g. HttpStatus.502. */
    public static final String HTTP_STATUS_PREFIX = "HttpStatus.";

    // Generated from the shared error-code reference (tencent-ocr-error-codes.json, proposed_class);
    // RequestLimitExceeded* and LimitExceeded are THROTTLED: the same transient class, plus a processor yield.
    private static final Map<String, ErrorCategory> CODES = Map.ofEntries(
            Map.entry("ActionOffline", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.InvalidAuthorization", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.InvalidSecretId", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.MFAFailure", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.SecretIdNotFound", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.SignatureExpire", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.SignatureFailure", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.TokenFailure", ErrorCategory.ACCOUNT),
            Map.entry("AuthFailure.UnauthorizedOperation", ErrorCategory.ACCOUNT),
            Map.entry("DryRunOperation", ErrorCategory.INPUT),
            Map.entry("FailedOperation", ErrorCategory.AMBIGUOUS),
            Map.entry("FailedOperation.ArrearsError", ErrorCategory.ACCOUNT),
            Map.entry("FailedOperation.CardSideError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.ClassifyStoreFailed", ErrorCategory.AMBIGUOUS),
            Map.entry("FailedOperation.CountLimitError", ErrorCategory.ACCOUNT),
            Map.entry("FailedOperation.DetectFailed", ErrorCategory.AMBIGUOUS),
            Map.entry("FailedOperation.DownLoadError", ErrorCategory.TRANSIENT),
            Map.entry("FailedOperation.EmptyImageError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.EngineRecognizeTimeout", ErrorCategory.TRANSIENT),
            Map.entry("FailedOperation.FieldException", ErrorCategory.INPUT),
            Map.entry("FailedOperation.IdCardInfoIllegal", ErrorCategory.INPUT),
            Map.entry("FailedOperation.IdCardTooSmall", ErrorCategory.INPUT),
            Map.entry("FailedOperation.IllegalBankCardError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.ImageBlur", ErrorCategory.INPUT),
            Map.entry("FailedOperation.ImageDecodeFailed", ErrorCategory.INPUT),
            Map.entry("FailedOperation.ImageNoBusinessCard", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.ImageNoHandWrite", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.ImageNoIdCard", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.ImageNoSpecifiedCard", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.ImageNoText", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.ImageSizeTooLarge", ErrorCategory.INPUT),
            Map.entry("FailedOperation.InconsistencyBetweenMRZAndVRZ", ErrorCategory.INPUT),
            Map.entry("FailedOperation.InvalidPostalCodeLength", ErrorCategory.INPUT),
            Map.entry("FailedOperation.InvoiceMismatch", ErrorCategory.INPUT),
            Map.entry("FailedOperation.LanguageNotSupport", ErrorCategory.INPUT),
            Map.entry("FailedOperation.LicenseCardSideError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.LicenseMultiCardError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.MultiCardError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.NoBankCardError", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoBizLicense", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoDriverLicenseError", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoHKIDCard", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoMASIDCard", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoPassport", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoStoreLabel", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.NoVehicleLicenseError", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation.OcrFailed", ErrorCategory.AMBIGUOUS),
            Map.entry("FailedOperation.PDFParseFailed", ErrorCategory.INPUT),
            Map.entry("FailedOperation.ResponseParseFailed", ErrorCategory.AMBIGUOUS),
            Map.entry("FailedOperation.UnKnowError", ErrorCategory.AMBIGUOUS),
            Map.entry("FailedOperation.UnKnowFileTypeError", ErrorCategory.INPUT),
            Map.entry("FailedOperation.UnOpenError", ErrorCategory.ACCOUNT),
            Map.entry("FailedOperation.WarningServiceFailed", ErrorCategory.TRANSIENT),
            Map.entry("InternalError", ErrorCategory.TRANSIENT),
            Map.entry("InvalidAction", ErrorCategory.ACCOUNT),
            Map.entry("InvalidParameter", ErrorCategory.INPUT),
            Map.entry("InvalidParameter.ConfigFormatError", ErrorCategory.INPUT),
            Map.entry("InvalidParameter.EngineImageDecodeFailed", ErrorCategory.INPUT),
            Map.entry("InvalidParameterValue", ErrorCategory.INPUT),
            Map.entry("InvalidParameterValue.InvalidParameterValueLimit", ErrorCategory.INPUT),
            Map.entry("InvalidParameterValue.PriceOrVerificationParameterValueLimit", ErrorCategory.INPUT),
            Map.entry("InvalidParameterValue.TicketCodeParameterValueLimit", ErrorCategory.INPUT),
            Map.entry("InvalidParameterValue.TicketDateParameterValueLimit", ErrorCategory.INPUT),
            Map.entry("InvalidParameterValue.TicketSnParameterValueLimit", ErrorCategory.INPUT),
            Map.entry("InvalidRequest", ErrorCategory.INPUT),
            Map.entry("IpInBlacklist", ErrorCategory.ACCOUNT),
            Map.entry("IpNotInWhitelist", ErrorCategory.ACCOUNT),
            Map.entry("LimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("LimitExceeded.TooLargeFileError", ErrorCategory.INPUT),
            Map.entry("MissingParameter", ErrorCategory.INPUT),
            Map.entry("NoSuchProduct", ErrorCategory.ACCOUNT),
            Map.entry("NoSuchVersion", ErrorCategory.ACCOUNT),
            Map.entry("RequestLimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("RequestLimitExceeded.GlobalRegionUinLimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("RequestLimitExceeded.IPLimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("RequestLimitExceeded.UinLimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("RequestSizeLimitExceeded", ErrorCategory.INPUT),
            Map.entry("ResourceInUse", ErrorCategory.TRANSIENT),
            Map.entry("ResourceInsufficient", ErrorCategory.TRANSIENT),
            Map.entry("ResourceNotFound", ErrorCategory.INPUT),
            Map.entry("ResourceNotFound.NoAreaCode", ErrorCategory.INPUT),
            Map.entry("ResourceNotFound.NoInvoice", ErrorCategory.NO_RESULT),
            Map.entry("ResourceNotFound.NotSupportCurrentInvoiceQuery", ErrorCategory.INPUT),
            Map.entry("ResourceUnavailable", ErrorCategory.TRANSIENT),
            Map.entry("ResourceUnavailable.InArrears", ErrorCategory.ACCOUNT),
            Map.entry("ResourceUnavailable.ResourcePackageRunOut", ErrorCategory.ACCOUNT),
            Map.entry("ResourceUnavailable.TaxNetworkError", ErrorCategory.TRANSIENT),
            Map.entry("ResourcesSoldOut.ChargeStatusException", ErrorCategory.ACCOUNT),
            Map.entry("ResponseSizeLimitExceeded", ErrorCategory.TRANSIENT),
            Map.entry("ServiceUnavailable", ErrorCategory.TRANSIENT),
            Map.entry("UnauthorizedOperation", ErrorCategory.ACCOUNT),
            Map.entry("UnknownParameter", ErrorCategory.INPUT),
            Map.entry("UnsupportedOperation", ErrorCategory.INPUT),
            Map.entry("UnsupportedProtocol", ErrorCategory.ACCOUNT),
            Map.entry("UnsupportedRegion", ErrorCategory.ACCOUNT),
            Map.entry(TencentApiException.TIMEOUT, ErrorCategory.TRANSIENT),
            Map.entry(TencentApiException.NETWORK_ERROR, ErrorCategory.TRANSIENT),
            Map.entry(TencentApiException.MALFORMED_RESPONSE, ErrorCategory.TRANSIENT),
            Map.entry(TencentApiException.INTERRUPTED, ErrorCategory.TRANSIENT),
            Map.entry(TencentApiException.ANSWER_TOO_LARGE, ErrorCategory.INPUT),
            Map.entry(TencentApiException.CREDENTIALS_UNAVAILABLE, ErrorCategory.ACCOUNT),
            Map.entry(INVALID_PROPERTY, ErrorCategory.INPUT),
            Map.entry(EMPTY_CONTENT, ErrorCategory.INPUT),
            Map.entry(IMAGE_TOO_LARGE, ErrorCategory.INPUT),
            Map.entry(INVALID_REQUEST, ErrorCategory.INPUT),
            Map.entry(PDF_NOT_SUPPORTED, ErrorCategory.INPUT),
            Map.entry(OFD_NOT_SUPPORTED, ErrorCategory.INPUT),
            Map.entry(DECRYPTION_FAILED, ErrorCategory.INPUT),
            Map.entry(ENCRYPTION_NOT_CONFIGURED, ErrorCategory.ACCOUNT));

    // For codes Tencent adds later: the family decides, most specific prefix first.
    private static final List<Map.Entry<String, ErrorCategory>> FAMILIES = List.of(
            Map.entry("RequestLimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("LimitExceeded", ErrorCategory.THROTTLED),
            Map.entry("AuthFailure", ErrorCategory.ACCOUNT),
            Map.entry("UnauthorizedOperation", ErrorCategory.ACCOUNT),
            Map.entry("ResourcesSoldOut", ErrorCategory.ACCOUNT),
            Map.entry("ResourceUnavailable", ErrorCategory.TRANSIENT),
            Map.entry("InternalError", ErrorCategory.TRANSIENT),
            Map.entry("ServiceUnavailable", ErrorCategory.TRANSIENT),
            Map.entry("InvalidParameter", ErrorCategory.INPUT),
            Map.entry("MissingParameter", ErrorCategory.INPUT),
            Map.entry("UnknownParameter", ErrorCategory.INPUT),
            Map.entry("ResourceNotFound", ErrorCategory.INPUT),
            Map.entry("UnsupportedOperation", ErrorCategory.INPUT),
            Map.entry("FailedOperation.ImageNo", ErrorCategory.NO_RESULT),
            Map.entry("FailedOperation", ErrorCategory.AMBIGUOUS));

    private final Set<String> retryCodes;
    private final Set<String> failureCodes;

    /** A classifier with Tencent's table only. */
    public ErrorClassifier() {
        this(Set.of(), Set.of());
    }

    /**
     * @param retryCodes codes (or prefixes ending in *) the user wants retried whatever the table says
     * @param failureCodes codes (or prefixes ending in *) the user wants sent to failure whatever the table says
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

    /** The category of a code from the table, its family, or its HTTP status; UNKNOWN when none applies. */
    public static ErrorCategory categorize(final String errorCode) {
        final ErrorCategory known = CODES.get(errorCode);
        if (known != null) {
            return known;
        }
        if (errorCode.startsWith(HTTP_STATUS_PREFIX)) {
            return categorizeHttpStatus(errorCode.substring(HTTP_STATUS_PREFIX.length()));
        }
        for (final Map.Entry<String, ErrorCategory> family : FAMILIES) {
            if (errorCode.startsWith(family.getKey())) {
                return family.getValue();
            }
        }
        return ErrorCategory.UNKNOWN;
    }

    private static ErrorCategory categorizeHttpStatus(final String status) {
        return switch (status) {
            case "429" -> ErrorCategory.THROTTLED;
            case "408", "500", "502", "503", "504" -> ErrorCategory.TRANSIENT;
            case "401", "403", "404", "405", "407" -> ErrorCategory.ACCOUNT;
            case "400", "413", "414", "415", "422" -> ErrorCategory.INPUT;
            default -> status.startsWith("5") ? ErrorCategory.TRANSIENT : ErrorCategory.UNKNOWN;
        };
    }

    private static boolean matches(final Set<String> patterns, final String errorCode) {
        for (final String pattern : patterns) {
            final boolean match = pattern.endsWith("*")
                    ? errorCode.startsWith(pattern.substring(0, pattern.length() - 1))
                    : errorCode.equals(pattern);
            if (match) {
                return true;
            }
        }
        return false;
    }
}
