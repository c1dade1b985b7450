package dev.nifiocr.error;

import dev.nifiocr.service.api.TencentApiException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.nifiocr.error.Billing.BILLED;
import static dev.nifiocr.error.Billing.NOT_BILLED;
import static dev.nifiocr.error.Billing.UNCONFIRMED;
import static dev.nifiocr.error.ErrorCategory.ACCOUNT;
import static dev.nifiocr.error.ErrorCategory.AMBIGUOUS;
import static dev.nifiocr.error.ErrorCategory.INPUT;
import static dev.nifiocr.error.ErrorCategory.NO_RESULT;
import static dev.nifiocr.error.ErrorCategory.THROTTLED;
import static dev.nifiocr.error.ErrorCategory.TRANSIENT;
import static dev.nifiocr.error.ErrorCategory.UNKNOWN;

/**
 * Every error code a FlowFile can carry, in one table: code, category (hence the default route), whether Tencent bills
 * it, and what it means. The router, the classifier, docs/error-codes.md (ErrorCatalogueDocsTest writes and checks
 * the table there) and the routing tests all read this class. Each code is spelled once: this bundle's codes here, the
 * service API's call failures in {@link TencentApiException}, Tencent's codes in the table below.
 *
 * <p>Tencent's rows come from the shared error-code reference (tencent-ocr-error-codes.json: its proposed class; its
 * billed_per_866_45470 as BILLED, NOT_BILLED or, where the page is silent, UNCONFIRMED). RequestLimitExceeded* and
 * LimitExceeded are THROTTLED: transient, plus a processor yield.
 */
public final class ErrorCatalogue {

    // Codes this bundle gives to input it refuses before any request: never sent, never billed.
    public static final String EMPTY_CONTENT = "Client.EmptyContent";
    public static final String IMAGE_TOO_LARGE = "Client.ImageTooLarge";
    public static final String INVALID_REQUEST = "Client.InvalidRequest";
    public static final String PDF_NOT_SUPPORTED = "Client.PdfNotSupported";
    public static final String OFD_NOT_SUPPORTED = "Client.OfdNotSupported";
    public static final String INVALID_PROPERTY = "Client.InvalidProperty";
    public static final String ENCRYPTION_NOT_CONFIGURED = "Client.EncryptionNotConfigured";
    public static final String UNSUPPORTED_IMAGE = "Client.UnsupportedImage";
    public static final String CORRUPT_IMAGE = "Client.CorruptImage";
    public static final String IMAGE_TOO_MANY_PIXELS = "Client.ImageTooManyPixels";
    public static final String ENCRYPTED_DOCUMENT = "Client.EncryptedDocument";
    public static final String CORRUPT_DOCUMENT = "Client.CorruptDocument";
    public static final String TOO_MANY_PAGES = "Client.TooManyPages";
    public static final String INVALID_PAGE_RANGE = "Client.InvalidPageRange";
    public static final String UNSUPPORTED_DOCUMENT = "Client.UnsupportedDocument";
    public static final String PAGE_TOO_MANY_PIXELS = "Client.TooManyPixels";
    public static final String IMAGE_OUT_OF_MEMORY = "Client.ImageOutOfMemory";
    public static final String JOB_TIMED_OUT = "Client.JobTimedOut";
    /** Codes given to asynchronous-job answers that were received but cannot be followed. */
    public static final String UNKNOWN_JOB_STATUS = "Client.UnknownJobStatus";
    public static final String JOB_FAILED = "Client.JobFailed";
    public static final String NO_JOB_ID = "Client.NoJobId";
    /** A finished document parsing job whose answer names no result file. */
    public static final String NO_RESULT_URL = "Client.NoResultUrl";
    /** A paid, encrypted answer that did not decrypt with the request's session key. */
    public static final String DECRYPTION_FAILED = "Client.DecryptionFailed";
    /** The content nests deeper than the parser's stack allows: a page tree, objects or directories thousands of levels deep. */
    public static final String NESTING_TOO_DEEP = "Client.NestingTooDeep";
    /** The heap ran out while a document parser read one FlowFile's content. */
    public static final String DOCUMENT_OUT_OF_MEMORY = "Client.DocumentOutOfMemory";
    /** A PDF page whose content inflates beyond half of the heap: a decompression bomb, refused before PDFBox holds it. */
    public static final String PAGE_TOO_LARGE = "Client.PageTooLarge";
    /** A TIFF sent to an Action: Tencent's image Actions read PNG, JPEG and BMP (some PDF), not TIFF. */
    public static final String TIFF_NOT_SUPPORTED = "Client.TiffNotSupported";
    /** Tencent's codes for a sub-account that lacks a CAM permission; the message then names the permission. */
    public static final String UNAUTHORIZED_OPERATION = "UnauthorizedOperation";
    public static final String AUTH_UNAUTHORIZED_OPERATION = "AuthFailure.UnauthorizedOperation";
    /** Prefix of the code given to an HTTP error answer that carries no API 3.0 error, e.g. HttpStatus.502. */
    public static final String HTTP_STATUS_PREFIX = "HttpStatus.";

    private static final List<ErrorCode> CODES = List.of(
            local(EMPTY_CONTENT, INPUT, "The FlowFile is empty"),
            local(IMAGE_TOO_LARGE, INPUT, "The image or request is over the Action's or API 3.0's size limit, or cannot be made to fit"),
            local(INVALID_REQUEST, INPUT, "Parameters not JSON or of the wrong type, an invalid Action name, a refused Image URL"),
            local(PDF_NOT_SUPPORTED, INPUT, "A PDF for an Action that does not read PDF"),
            local(OFD_NOT_SUPPORTED, INPUT, "An OFD document for an Action that does not read OFD"),
            local(INVALID_PROPERTY, INPUT, "A property value (Expression Language) fails for this FlowFile; the message names the property"),
            local(ENCRYPTION_NOT_CONFIGURED, ACCOUNT, "The client service has no public key or session key protection secret for the envelope"),
            local(UNSUPPORTED_IMAGE, INPUT, "CompressImage: not an image format it reads"),
            local(CORRUPT_IMAGE, INPUT, "CompressImage: the image cannot be decoded"),
            local(IMAGE_TOO_MANY_PIXELS, INPUT, "CompressImage: more pixels than the decoding budget allows"),
            local(ENCRYPTED_DOCUMENT, INPUT, "The document is password-protected"),
            local(CORRUPT_DOCUMENT, INPUT, "The document cannot be parsed"),
            local(TOO_MANY_PAGES, INPUT, "The document has more pages than allowed"),
            local(INVALID_PAGE_RANGE, INPUT, "The page range names no page of the document"),
            local(UNSUPPORTED_DOCUMENT, INPUT, "SplitDocument: neither a PDF nor a TIFF"),
            local(PAGE_TOO_MANY_PIXELS, INPUT, "SplitDocument: a TIFF page has more pixels than Maximum TIFF Page Pixels"),
            local(IMAGE_OUT_OF_MEMORY, INPUT, "CompressImage: the heap ran out while fitting an image within its budget; sent to failure, never looped"),
            local(JOB_TIMED_OUT, INPUT, "GetTencentOCRJobStatus: the job is not done after Maximum Job Duration"),
            new ErrorCode(UNKNOWN_JOB_STATUS, INPUT, UNCONFIRMED, "GetTencentOCRJobStatus: the answer has a job status this bundle does not know"),
            new ErrorCode(JOB_FAILED, INPUT, UNCONFIRMED, "GetTencentOCRJobStatus: the job reports FAIL without an error code of its own"),
            new ErrorCode(NO_JOB_ID, INPUT, UNCONFIRMED, "SubmitTencentOCRJob: the submit answer holds no JobId"),
            new ErrorCode(DECRYPTION_FAILED, INPUT, BILLED, "A paid encrypted answer did not decrypt (secret changed, Algorithm or Iv differ, altered); kept as received"),
            new ErrorCode(TencentApiException.TIMEOUT, TRANSIENT, UNCONFIRMED, "A step's timeout or the Call Timeout expired; the request may have been processed"),
            new ErrorCode(TencentApiException.NETWORK_ERROR, TRANSIENT, UNCONFIRMED, "Connection refused or reset; the request may have been processed"),
            new ErrorCode(TencentApiException.MALFORMED_RESPONSE, TRANSIENT, UNCONFIRMED, "The answer is not API 3.0's JSON envelope, or was cut short"),
            new ErrorCode(TencentApiException.INTERRUPTED, TRANSIENT, UNCONFIRMED, "The call was interrupted, typically by stopping the processor"),
            new ErrorCode(TencentApiException.ANSWER_TOO_LARGE, INPUT, UNCONFIRMED, "The answer, decoded, exceeds the service's Maximum Answer Size; not read whole"),
            new ErrorCode(TencentApiException.DOWNLOAD_REFUSED, INPUT, UNCONFIRMED, "GetTencentOCRJobStatus: the job's result URL may not be fetched (plain http to a host that is not loopback, or not http(s))"),
            new ErrorCode(TencentApiException.DOWNLOAD_FAILED, TRANSIENT, UNCONFIRMED, "GetTencentOCRJobStatus: the result file's link answered an HTTP error (it lives 30 minutes); the next poll brings a fresh link"),
            new ErrorCode(NO_RESULT_URL, INPUT, UNCONFIRMED, "GetTencentOCRJobStatus: a finished document parsing job names no result file"),
            new ErrorCode(TencentApiException.CREDENTIALS_UNAVAILABLE, ACCOUNT, NOT_BILLED, "No usable credentials: profile file, instance role, STS or token failed"),
            local(NESTING_TOO_DEEP, INPUT, "The content nests deeper than the parser's stack allows (a page tree, objects or directories thousands of levels deep); sent to failure, never looped"),
            local(DOCUMENT_OUT_OF_MEMORY, INPUT, "The heap ran out while a document was parsed (SplitDocument, the content checks); sent to failure, never looped"),
            local(PAGE_TOO_LARGE, INPUT, "SplitDocument: a PDF page's content inflates beyond half of NiFi's heap (a decompression bomb); refused before it is read"),
            local(TIFF_NOT_SUPPORTED, INPUT, "A TIFF for an Action: Tencent reads PNG, JPEG, BMP (some PDF), not TIFF; convert it with CompressImage"),
            tencent("ActionOffline", ACCOUNT, UNCONFIRMED, "The Action has been retired"),
            tencent("AuthFailure.InvalidAuthorization", ACCOUNT, UNCONFIRMED, "Authorization header invalid"),
            tencent("AuthFailure.InvalidSecretId", ACCOUNT, UNCONFIRMED, "Invalid key (not a TencentCloud API key type)"),
            tencent("AuthFailure.MFAFailure", ACCOUNT, UNCONFIRMED, "MFA failed"),
            tencent("AuthFailure.SecretIdNotFound", ACCOUNT, UNCONFIRMED, "disabled"),
            tencent("AuthFailure.SignatureExpire", ACCOUNT, UNCONFIRMED, "Signature expired: timestamp differs from server time by more than 5 minutes"),
            tencent("AuthFailure.SignatureFailure", ACCOUNT, UNCONFIRMED, "Invalid signature"),
            tencent("AuthFailure.TokenFailure", ACCOUNT, UNCONFIRMED, "Token error"),
            tencent(AUTH_UNAUTHORIZED_OPERATION, ACCOUNT, UNCONFIRMED, "Request not authorized (CAM)"),
            tencent("DryRunOperation", INPUT, UNCONFIRMED, "DryRun"),
            tencent("FailedOperation", AMBIGUOUS, UNCONFIRMED, "Operation failed"),
            tencent("FailedOperation.ArrearsError", ACCOUNT, UNCONFIRMED, "The account is in arrears"),
            tencent("FailedOperation.CardSideError", INPUT, UNCONFIRMED, "CardSide does not match the ID card side in the image"),
            tencent("FailedOperation.ClassifyStoreFailed", AMBIGUOUS, UNCONFIRMED, "Image classification failed"),
            tencent("FailedOperation.CountLimitError", ACCOUNT, UNCONFIRMED, "Today's call quota is used up"),
            tencent("FailedOperation.DetectFailed", AMBIGUOUS, NOT_BILLED, "Detection failed"),
            tencent("FailedOperation.DownLoadError", TRANSIENT, NOT_BILLED, "Tencent could not download the file"),
            tencent("FailedOperation.EmptyImageError", INPUT, BILLED, "The image content is empty"),
            tencent("FailedOperation.EngineRecognizeTimeout", TRANSIENT, NOT_BILLED, "The recognition engine timed out"),
            tencent("FailedOperation.FieldException", INPUT, UNCONFIRMED, "A field value is not as expected"),
            tencent("FailedOperation.IdCardInfoIllegal", INPUT, NOT_BILLED, "ID card fields are invalid or missing (number, name)"),
            tencent("FailedOperation.IdCardTooSmall", INPUT, UNCONFIRMED, "Image resolution too low or the ID card too small in it"),
            tencent("FailedOperation.IllegalBankCardError", INPUT, UNCONFIRMED, "The bank card data is invalid"),
            tencent("FailedOperation.ImageBlur", INPUT, NOT_BILLED, "The image is blurred"),
            tencent("FailedOperation.ImageDecodeFailed", INPUT, NOT_BILLED, "The image could not be decoded"),
            tencent("FailedOperation.ImageNoBusinessCard", NO_RESULT, BILLED, "No business card found in the image"),
            tencent("FailedOperation.ImageNoHandWrite", NO_RESULT, UNCONFIRMED, "No handwriting found in the image"),
            tencent("FailedOperation.ImageNoIdCard", NO_RESULT, NOT_BILLED, "No resident or temporary ID card found in the image"),
            tencent("FailedOperation.ImageNoSpecifiedCard", NO_RESULT, UNCONFIRMED, "The image is not of the requested card type"),
            tencent("FailedOperation.ImageNoText", NO_RESULT, NOT_BILLED, "No text found in the image"),
            tencent("FailedOperation.ImageSizeTooLarge", INPUT, NOT_BILLED, "The image is too large (see the Action's size limit)"),
            tencent("FailedOperation.InconsistencyBetweenMRZAndVRZ", INPUT, UNCONFIRMED, "The visual zone and the machine-readable zone disagree"),
            tencent("FailedOperation.InvalidPostalCodeLength", INPUT, UNCONFIRMED, "The postal code read from a Malaysian document has the wrong length"),
            tencent("FailedOperation.InvoiceMismatch", INPUT, BILLED, "Invoice verification: the invoice data do not match"),
            tencent("FailedOperation.LanguageNotSupport", INPUT, NOT_BILLED, "The requested Language is not supported"),
            tencent("FailedOperation.LicenseCardSideError", INPUT, UNCONFIRMED, "CardSide does not match the licence page in the image"),
            tencent("FailedOperation.LicenseMultiCardError", INPUT, UNCONFIRMED, "Two or more cards of the same side in the image"),
            tencent("FailedOperation.MultiCardError", INPUT, NOT_BILLED, "Two or more cards of the same side in the image"),
            tencent("FailedOperation.NoBankCardError", NO_RESULT, UNCONFIRMED, "The image is not a bank card"),
            tencent("FailedOperation.NoBizLicense", NO_RESULT, UNCONFIRMED, "The image is not a business licence"),
            tencent("FailedOperation.NoDriverLicenseError", NO_RESULT, UNCONFIRMED, "The image is not a driving licence"),
            tencent("FailedOperation.NoHKIDCard", NO_RESULT, UNCONFIRMED, "The image is not a Hong Kong ID card"),
            tencent("FailedOperation.NoMASIDCard", NO_RESULT, UNCONFIRMED, "The image is not a Malaysian ID card"),
            tencent("FailedOperation.NoPassport", NO_RESULT, UNCONFIRMED, "The image is not a passport"),
            tencent("FailedOperation.NoStoreLabel", NO_RESULT, UNCONFIRMED, "The image is not a shop front"),
            tencent("FailedOperation.NoVehicleLicenseError", NO_RESULT, UNCONFIRMED, "The image is not a vehicle licence"),
            tencent("FailedOperation.OcrFailed", AMBIGUOUS, NOT_BILLED, "OCR failed"),
            tencent("FailedOperation.PDFParseFailed", INPUT, UNCONFIRMED, "The PDF could not be parsed"),
            tencent("FailedOperation.QueryNoRecord", NO_RESULT, NOT_BILLED, "Invoice verification: no record found"),
            tencent("FailedOperation.ResponseParseFailed", AMBIGUOUS, UNCONFIRMED, "Tencent could not parse the engine's result"),
            tencent("FailedOperation.UnKnowError", AMBIGUOUS, NOT_BILLED, "Unknown error"),
            tencent("FailedOperation.UnKnowFileTypeError", INPUT, UNCONFIRMED, "Unknown file type"),
            tencent("FailedOperation.UnOpenError", ACCOUNT, NOT_BILLED, "The OCR service is not activated for the account"),
            tencent("FailedOperation.WarningServiceFailed", TRANSIENT, UNCONFIRMED, "The warning service failed"),
            tencent("InternalError", TRANSIENT, NOT_BILLED, "Internal error"),
            tencent("InvalidAction", ACCOUNT, UNCONFIRMED, "API does not exist"),
            tencent("InvalidParameter", INPUT, UNCONFIRMED, "Incorrect parameter"),
            tencent("InvalidParameter.ConfigFormatError", INPUT, NOT_BILLED, "Config is not valid JSON"),
            tencent("InvalidParameter.EngineImageDecodeFailed", INPUT, NOT_BILLED, "The image could not be decoded"),
            tencent("InvalidParameterValue", INPUT, UNCONFIRMED, "Invalid parameter value"),
            tencent("InvalidParameterValue.InvalidParameterValueLimit", INPUT, NOT_BILLED, "A parameter value is wrong"),
            tencent("InvalidParameterValue.PriceOrVerificationParameterValueLimit", INPUT, UNCONFIRMED, "Invoice amount or check code is wrong"),
            tencent("InvalidParameterValue.TicketCodeParameterValueLimit", INPUT, UNCONFIRMED, "Invoice code is wrong"),
            tencent("InvalidParameterValue.TicketDateParameterValueLimit", INPUT, UNCONFIRMED, "Invoice date is wrong"),
            tencent("InvalidParameterValue.TicketSnParameterValueLimit", INPUT, UNCONFIRMED, "Invoice number is wrong"),
            tencent("InvalidRequest", INPUT, UNCONFIRMED, "multipart body format incorrect"),
            tencent("IpInBlacklist", ACCOUNT, UNCONFIRMED, "IP in blacklist"),
            tencent("IpNotInWhitelist", ACCOUNT, UNCONFIRMED, "IP not in whitelist"),
            tencent("LimitExceeded", THROTTLED, UNCONFIRMED, "Quota limit exceeded"),
            tencent("LimitExceeded.TooLargeFileError", INPUT, NOT_BILLED, "The file is too large"),
            tencent("MissingParameter", INPUT, UNCONFIRMED, "Missing parameter"),
            tencent("NoSuchProduct", ACCOUNT, UNCONFIRMED, "Product does not exist"),
            tencent("NoSuchVersion", ACCOUNT, UNCONFIRMED, "API version does not exist"),
            tencent("RequestLimitExceeded", THROTTLED, UNCONFIRMED, "Request rate limit exceeded"),
            tencent("RequestLimitExceeded.GlobalRegionUinLimitExceeded", THROTTLED, UNCONFIRMED, "Uin exceeds frequency limit (global)"),
            tencent("RequestLimitExceeded.IPLimitExceeded", THROTTLED, UNCONFIRMED, "IP frequency limit"),
            tencent("RequestLimitExceeded.UinLimitExceeded", THROTTLED, UNCONFIRMED, "Uin frequency limit"),
            tencent("RequestSizeLimitExceeded", INPUT, UNCONFIRMED, "Request size exceeds limit"),
            tencent("ResourceInUse", TRANSIENT, NOT_BILLED, "Resource in use"),
            tencent("ResourceInsufficient", TRANSIENT, UNCONFIRMED, "Insufficient resource"),
            tencent("ResourceNotFound", INPUT, UNCONFIRMED, "Resource does not exist"),
            tencent("ResourceNotFound.NoAreaCode", INPUT, UNCONFIRMED, "The area code does not exist"),
            tencent("ResourceNotFound.NoInvoice", NO_RESULT, BILLED, "Invoice verification: the invoice does not exist"),
            tencent("ResourceNotFound.NotSupportCurrentInvoiceQuery", INPUT, UNCONFIRMED, "Invoices of today cannot be verified yet"),
            tencent("ResourceUnavailable", TRANSIENT, UNCONFIRMED, "Resource unavailable"),
            tencent("ResourceUnavailable.InArrears", ACCOUNT, UNCONFIRMED, "The account is in arrears"),
            tencent("ResourceUnavailable.ResourcePackageRunOut", ACCOUNT, UNCONFIRMED, "The account's resource packs are used up"),
            tencent("ResourceUnavailable.TaxNetworkError", TRANSIENT, UNCONFIRMED, "The tax office's network failed; try later"),
            tencent("ResourcesSoldOut.ChargeStatusException", ACCOUNT, NOT_BILLED, "Billing status abnormal: no resource pack and pay-as-you-go off"),
            tencent("ResponseSizeLimitExceeded", TRANSIENT, UNCONFIRMED, "Response size exceeds limit"),
            tencent("ServiceUnavailable", TRANSIENT, UNCONFIRMED, "Service unavailable now"),
            tencent(UNAUTHORIZED_OPERATION, ACCOUNT, UNCONFIRMED, "Unauthorized operation"),
            tencent("UnknownParameter", INPUT, UNCONFIRMED, "Unknown parameter"),
            tencent("UnsupportedOperation", INPUT, NOT_BILLED, "Unsupported operation"),
            tencent("UnsupportedProtocol", ACCOUNT, UNCONFIRMED, "Only GET and POST supported"),
            tencent("UnsupportedRegion", ACCOUNT, UNCONFIRMED, "API does not support the requested region"),
            http("429", THROTTLED, "Too many requests"),
            http("408", TRANSIENT, "Request timeout"),
            http("500", TRANSIENT, "Server error"),
            http("502", TRANSIENT, "Bad gateway"),
            http("503", TRANSIENT, "Service unavailable"),
            http("504", TRANSIENT, "Gateway timeout"),
            http("401", ACCOUNT, "Unauthorized"),
            http("403", ACCOUNT, "Forbidden"),
            http("404", ACCOUNT, "Not found: a wrong endpoint"),
            http("405", ACCOUNT, "Method not allowed: a wrong endpoint"),
            http("407", ACCOUNT, "Proxy authentication required"),
            http("400", INPUT, "Bad request"),
            http("413", INPUT, "Request too large"),
            http("414", INPUT, "URI too long"),
            http("415", INPUT, "Unsupported media type"),
            http("422", INPUT, "Unprocessable request"));

    // For codes Tencent adds later: the family decides, most specific prefix first.
    private static final List<ErrorCode> FAMILIES = List.of(
            family("RequestLimitExceeded", THROTTLED, "Request rate limit exceeded"),
            family("LimitExceeded", THROTTLED, "Quota or rate limit exceeded"),
            family("AuthFailure", ACCOUNT, "Credentials or signature refused"),
            family(UNAUTHORIZED_OPERATION, ACCOUNT, "The sub-account lacks a CAM permission"),
            family("ResourcesSoldOut", ACCOUNT, "Resource packs or billing"),
            family("ResourceUnavailable", TRANSIENT, "Resource unavailable"),
            family("InternalError", TRANSIENT, "Internal error"),
            family("ServiceUnavailable", TRANSIENT, "Service unavailable now"),
            family("InvalidParameter", INPUT, "Incorrect parameter or value"),
            family("MissingParameter", INPUT, "Missing parameter"),
            family("UnknownParameter", INPUT, "Unknown parameter"),
            family("ResourceNotFound", INPUT, "Resource does not exist"),
            family("UnsupportedOperation", INPUT, "Unsupported operation"),
            family("FailedOperation.ImageNo", NO_RESULT, "The image holds no document of the requested kind"),
            family("FailedOperation", AMBIGUOUS, "The engine failed"),
            family(HTTP_STATUS_PREFIX + "5", TRANSIENT, "Any other HTTP 5xx"));

    private static final Map<String, ErrorCode> BY_CODE = CODES.stream()
            .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private ErrorCatalogue() {
    }

    /** Every known code, then the families, in the order they are matched. */
    public static List<ErrorCode> entries() {
        return Stream.concat(CODES.stream(), FAMILIES.stream()).toList();
    }

    /** The row of a code listed by name, if it is. */
    public static Optional<ErrorCode> find(final String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The row for any code: listed, else its family, else UNKNOWN (failure, so nothing loops on something unexplained). */
    public static ErrorCode lookup(final String code) {
        final ErrorCode known = BY_CODE.get(code);
        if (known != null) {
            return known;
        }
        for (final ErrorCode family : FAMILIES) {
            if (family.covers(code)) {
                return family;
            }
        }
        return new ErrorCode(code, UNKNOWN, UNCONFIRMED, "A code this bundle does not know");
    }

    /** Whether the code says the caller lacks a CAM permission (ocr:&lt;Action&gt;), so the message should name it. */
    public static boolean lacksPermission(final String code) {
        return code.equals(UNAUTHORIZED_OPERATION) || code.startsWith(UNAUTHORIZED_OPERATION + ".") || code.equals(AUTH_UNAUTHORIZED_OPERATION);
    }

    private static ErrorCode local(final String code, final ErrorCategory category, final String description) {
        return new ErrorCode(code, category, NOT_BILLED, description);
    }

    private static ErrorCode tencent(final String code, final ErrorCategory category, final Billing billing, final String description) {
        return new ErrorCode(code, category, billing, description);
    }

    private static ErrorCode http(final String status, final ErrorCategory category, final String description) {
        return new ErrorCode(HTTP_STATUS_PREFIX + status, category, UNCONFIRMED, "HTTP " + status + " without an API 3.0 error: " + description);
    }

    private static ErrorCode family(final String prefix, final ErrorCategory category, final String description) {
        return new ErrorCode(prefix + ErrorCode.FAMILY_SUFFIX, category, UNCONFIRMED, description);
    }
}
