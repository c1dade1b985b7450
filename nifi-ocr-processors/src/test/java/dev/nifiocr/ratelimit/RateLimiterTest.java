package dev.nifiocr.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void spacesPermitsEvenly() {
        final RateLimiter limiter = new RateLimiter(4, now::get);

        assertEquals(0, limiter.reserve(SECOND));
        assertEquals(SECOND / 4, limiter.reserve(SECOND));
        assertEquals(SECOND / 2, limiter.reserve(SECOND));
        assertEquals(3 * SECOND / 4, limiter.reserve(SECOND));
        assertEquals(SECOND, limiter.reserve(SECOND));
    }

    @Test
    void refusesWithoutReservingWhenTheWaitIsTooLong() {
        final RateLimiter limiter = new RateLimiter(1, now::get);

        assertEquals(0, limiter.reserve(0));
        assertEquals(-1, limiter.reserve(SECOND / 2));
        assertEquals(-1, limiter.reserve(SECOND / 2));
        now.addAndGet(SECOND / 2);
        assertEquals(SECOND / 2, limiter.reserve(SECOND / 2));
    }

    @Test
    void doesNotSaveUpPermitsWhileIdle() {
        final RateLimiter limiter = new RateLimiter(2, now::get);
        limiter.reserve(0);
        now.addAndGet(60 * SECOND);

        assertEquals(0, limiter.reserve(0));
        assertEquals(-1, limiter.reserve(0));
    }

    @Test
    void tryAcquireReturnsAtOnceWhenAPermitIsFree() {
        final RateLimiter limiter = new RateLimiter(1, now::get);

        assertTrue(limiter.tryAcquire(Duration.ZERO));
        assertFalse(limiter.tryAcquire(Duration.ZERO));
    }

    @Test
    void acquireTellsTheSlotAndTheIntervalToTheNext() {
        final long start = now.get();
        final RateLimiter limiter = new RateLimiter(4, now::get);

        assertEquals(Optional.of(new RateLimiter.Permit(start, SECOND / 4)), limiter.acquire(Duration.ZERO));
        assertEquals(Optional.empty(), limiter.acquire(Duration.ZERO));
        now.addAndGet(SECOND);
        limiter.setRate(1);
        assertEquals(Optional.of(new RateLimiter.Permit(start + SECOND, SECOND)), limiter.acquire(Duration.ZERO));
        now.addAndGet(SECOND);
        assertEquals(Optional.of(new RateLimiter.Permit(start + 2 * SECOND, SECOND)), limiter.acquire(Duration.ZERO));
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.NaN));
    }

    @Test
    void takesANewRateFromTheNextReservationOn() {
        final RateLimiter limiter = new RateLimiter(4, now::get);
        assertEquals(0, limiter.reserve(SECOND));

        limiter.setRate(1);

        // the slot handed out at 4/s keeps its time; the one after it is a full second later
        assertEquals(SECOND / 4, limiter.reserve(SECOND));
        assertEquals(SECOND / 4 + SECOND, limiter.reserve(2 * SECOND));
        limiter.setRate(10);
        assertEquals(SECOND / 4 + 2 * SECOND, limiter.reserve(3 * SECOND));
        assertEquals(SECOND / 4 + 2 * SECOND + SECOND / 10, limiter.reserve(3 * SECOND));
        assertThrows(IllegalArgumentException.class, () -> limiter.setRate(0));
    }

    @Test
    void supportsFractionalRates() {
        assertEquals(2 * SECOND, new RateLimiter(0.5).intervalNanos());
    }
}
