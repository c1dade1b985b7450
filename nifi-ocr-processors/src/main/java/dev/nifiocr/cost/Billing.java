package dev.nifiocr.cost;

import dev.nifiocr.error.ErrorCatalogue;

/**
 * Which answers Tencent bills. The facts per code are the error catalogue's (from Tencent's page 错误码计费说明,
 * https://cloud.tencent.com/document/product/866/45470): successes are billed, most failures are not, a few that use
 * server resources are; a code the page does not list, and a call whose answer never came, is {@link BillingStatus#UNCERTAIN}
 * and counted as billed, so a budget never under-counts. One policy is added here: a request whose signature or key
 * Tencent refuses (AuthFailure*) is not attributed to an account, so nobody can be billed for it, and one bad key must
 * not spend the day's budget on refusals.
 */
public final class Billing {

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
        if (errorCode.equals(UNAUTHENTICATED_FAMILY) || errorCode.startsWith(UNAUTHENTICATED_FAMILY + ".")) {
            return BillingStatus.NOT_BILLED;
        }
        return switch (ErrorCatalogue.lookup(errorCode).billing()) {
            case BILLED -> BillingStatus.BILLED;
            case NOT_BILLED -> BillingStatus.NOT_BILLED;
            case UNCONFIRMED -> BillingStatus.UNCERTAIN;
        };
    }

    /** Whether the answer counts as billed (billed or uncertain). */
    public static boolean isBillable(final boolean successful, final String errorCode) {
        return status(successful, errorCode).billable();
    }
}
