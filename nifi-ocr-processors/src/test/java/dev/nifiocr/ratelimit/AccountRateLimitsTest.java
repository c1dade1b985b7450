package dev.nifiocr.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountRateLimitsTest {

    @Test
    void actionsWithoutALimitShareOneAndOverriddenActionsHaveTheirOwn() {
        final AccountRateLimits limits = new AccountRateLimits(0.01, Map.of("VatInvoiceOCR", 0.01));

        assertTrue(limits.tryAcquire("GeneralBasicOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire("IDCardOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire(null, Duration.ZERO));
        assertTrue(limits.tryAcquire("VatInvoiceOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire("VatInvoiceOCR", Duration.ZERO));
    }

    @Test
    void eachNodeSendsItsShareOfTheAccount() {
        final AccountRateLimits limits = new AccountRateLimits(20, Map.of("VatInvoiceOCR", 5.0));
        assertEquals(20, limits.nodeRate(null), 1e-6);

        limits.applyShare(0.5);

        assertEquals(10, limits.nodeRate("GeneralBasicOCR"), 1e-6);
        assertEquals(2.5, limits.nodeRate("VatInvoiceOCR"), 1e-6);
        limits.applyShare(1.0 / 3);
        assertEquals(20.0 / 3, limits.nodeRate(null), 1e-6);
    }
}
