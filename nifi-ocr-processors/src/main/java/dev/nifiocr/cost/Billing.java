package dev.nifiocr.cost;

import java.util.Set;

/**
 * Which answers Tencent bills, from its page 错误码计费说明 (https://cloud.tencent.com/document/product/866/45470, read
 * 2026-11-29): successes are billed, most failures are not, and a few failures that use server resources are. Codes the page
 * does not list (its stored copy stops after the common code InternalError) are {@link BillingStatus#UNCERTAIN} and counted
 * as billed, so a budget never under-counts; the README lists them. Once the error catalogue carries a billed field this
 * table moves there; callers only ask {@link #status}.
 */
public final class Billing {

    /** "是否计费: 是" on Tencent's page. */
    static final Set<String> BILLED_CODES = Set.of(
            "FailedOperation.InvoiceMismatch",
            "ResourceNotFound.NoInvoice",
            "FailedOperation.EmptyImageError",
            "FailedOperation.ImageNoBusinessCard");

    /** "是否计费: 否" on Tencent's page. */
    static final Set<String> NOT_BILLED_CODES = Set.of(
            "FailedOperation.MultiCardError",
            "FailedOperation.ImageBlur",
            "FailedOperation.ImageNoIdCard",
            "FailedOperation.ImageNoText",
            "FailedOperation.ImageDecodeFailed",
            "FailedOperation.IdCardInfoIllegal",
            "FailedOperation.DetectFailed",
            "FailedOperation.DownLoadError",
            "FailedOperation.EngineRecognizeTimeout",
            "FailedOperation.ImageSizeTooLarge",
            "FailedOperation.LanguageNotSupport",
            "FailedOperation.OcrFailed",
            "FailedOperation.UnKnowError",
            "FailedOperation.UnOpenError",
            "FailedOperation.QueryNoRecord",
            "InvalidParameter.ConfigFormatError",
            "InvalidParameter.EngineImageDecodeFailed",
            "InvalidParameterValue.InvalidParameterValueLimit",
            "LimitExceeded.TooLargeFileError",
            "ResourcesSoldOut.ChargeStatusException",
            "UnsupportedOperation",
            "ResourceInUse",
            "InternalError");

    // A request whose signature or key Tencent refuses is not attributed to an account: nobody can be billed for it.
    private static final String UNAUTHENTICATED_FAMILY = "AuthFailure";

    private Billing() {
    }

    /**
     * @param successful whether Tencent answered with a result (HTTP 200 and no Response.Error)
     * @param errorCode Tencent's error code, or this bundle's code for a call that was sent but got no usable answer; null on success
     */
    public static BillingStatus status(final boolean successful, final String errorCode) {
        if (successful || errorCode == null) {
            return BillingStatus.BILLED;
        }
        if (BILLED_CODES.contains(errorCode)) {
            return BillingStatus.BILLED;
        }
        if (NOT_BILLED_CODES.contains(errorCode) || errorCode.equals(UNAUTHENTICATED_FAMILY) || errorCode.startsWith(UNAUTHENTICATED_FAMILY + ".")) {
            return BillingStatus.NOT_BILLED;
        }
        // timeouts, broken answers, HTTP errors without an API answer and codes the page does not list: Tencent may have billed them
        return BillingStatus.UNCERTAIN;
    }

    /** Whether the answer counts as billed (billed or uncertain). */
    public static boolean isBillable(final boolean successful, final String errorCode) {
        return status(successful, errorCode).billable();
    }
}
