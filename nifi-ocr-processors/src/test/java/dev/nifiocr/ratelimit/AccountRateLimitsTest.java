package dev.nifiocr.ratelimit;

import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountRateLimitsTest {

    private static final Pattern PERMIT = Pattern.compile("Rate permit for \\[(\\w+)] under the (\\w+) limit: slot (-?\\d+) ns, released (-?\\d+) ns, interval (\\d+) ns");

    private final MockComponentLog log = new MockComponentLog("limits", this);

    @Test
    void actionsWithoutALimitShareOneAndOverriddenActionsHaveTheirOwn() {
        final AccountRateLimits limits = new AccountRateLimits(0.01, Map.of("VatInvoiceOCR", 0.01), log);

        assertTrue(limits.tryAcquire("GeneralBasicOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire("IDCardOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire(null, Duration.ZERO));
        assertTrue(limits.tryAcquire("VatInvoiceOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire("VatInvoiceOCR", Duration.ZERO));
    }

    @Test
    void eachNodeSendsItsShareOfTheAccount() {
        final AccountRateLimits limits = new AccountRateLimits(20, Map.of("VatInvoiceOCR", 5.0), log);
        assertEquals(20, limits.nodeRate(null), 1e-6);

        limits.applyShare(0.5);

        assertEquals(10, limits.nodeRate("GeneralBasicOCR"), 1e-6);
        assertEquals(2.5, limits.nodeRate("VatInvoiceOCR"), 1e-6);
        limits.applyShare(1.0 / 3);
        assertEquals(20.0 / 3, limits.nodeRate(null), 1e-6);
    }

    @Test
    void logsEveryGrantedPermitWithItsSlotAtDebug() {
        final AccountRateLimits limits = new AccountRateLimits(0.01, Map.of("VatInvoiceOCR", 0.5), log);
        final long before = System.nanoTime();

        assertTrue(limits.tryAcquire("VatInvoiceOCR", Duration.ZERO));
        assertFalse(limits.tryAcquire("VatInvoiceOCR", Duration.ZERO));
        assertTrue(limits.tryAcquire("GeneralBasicOCR", Duration.ZERO));

        final List<String> lines = log.getDebugMessages().stream().map(line -> MessageFormatter.arrayFormat(line.getMsg(), line.getArgs()).getMessage()).toList();
        assertEquals(2, lines.size(), lines.toString());
        final Matcher first = PERMIT.matcher(lines.get(0));
        assertTrue(first.find(), lines.get(0));
        assertEquals("VatInvoiceOCR", first.group(1));
        assertEquals("Action", first.group(2));
        final long slot = Long.parseLong(first.group(3));
        assertTrue(slot >= before && slot <= Long.parseLong(first.group(4)), lines.get(0));
        assertEquals(2_000_000_000L, Long.parseLong(first.group(5)));
        final Matcher second = PERMIT.matcher(lines.get(1));
        assertTrue(second.find(), lines.get(1));
        assertEquals("GeneralBasicOCR", second.group(1));
        assertEquals("account", second.group(2));
    }
}
