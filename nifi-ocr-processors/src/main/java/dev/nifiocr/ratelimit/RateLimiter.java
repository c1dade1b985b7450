package dev.nifiocr.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces requests evenly for every thread of every processor sharing it on one node, at a rate that may change while
 * it is in use (a node's share of an account-wide limit changes when nodes join or leave the cluster).
 * A caller reserves the next free slot and parks until it comes (no spinning); when the next slot is further away
 * than the caller will wait, nothing is reserved and the caller is told to come back later.
 */
final class RateLimiter {

    private volatile long intervalNanos;
    private final LongSupplier nanoClock;
    private long nextFreeNanos;

    public RateLimiter(final double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    RateLimiter(final double permitsPerSecond, final LongSupplier nanoClock) {
        this.intervalNanos = interval(permitsPerSecond);
        this.nanoClock = nanoClock;
        this.nextFreeNanos = nanoClock.getAsLong();
    }

    /**
     * Changes the rate from the next reservation on; slots already handed out keep their time, so a lower rate never
     * lets a burst through and a higher rate takes effect within one old interval.
     */
    public void setRate(final double permitsPerSecond) {
        intervalNanos = interval(permitsPerSecond);
    }

    private static long interval(final double permitsPerSecond) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("Permits per second must be positive");
        }
        return Math.max(1L, Math.round(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond));
    }

    /**
     * Takes a permit, waiting at most {@code maxWait} for it.
     *
     * @return true when the caller may send now; false when no slot was free within maxWait or the thread was interrupted
     */
    public boolean tryAcquire(final Duration maxWait) {
        return acquire(maxWait).isPresent();
    }

    /**
     * A permit granted: the limiter's own decision, which the caller's wake-up follows by the scheduler's latency.
     *
     * @param slotNanos when the caller may send, on the limiter's clock ({@link System#nanoTime()})
     * @param intervalNanos the interval in force when it was taken: no later slot comes sooner after it
     */
    public record Permit(long slotNanos, long intervalNanos) {
    }

    /**
     * Takes a permit like {@link #tryAcquire}, telling which one.
     *
     * @return the permit, empty when none was taken
     */
    public Optional<Permit> acquire(final Duration maxWait) {
        final Permit permit;
        synchronized (this) {
            final long now = nanoClock.getAsLong();
            final long waitNanos = reserve(now, maxWait.toNanos());
            if (waitNanos < 0) {
                return Optional.empty();
            }
            final long slot = now + waitNanos;
            permit = new Permit(slot, nextFreeNanos - slot);
        }
        long remaining = permit.slotNanos() - nanoClock.getAsLong();
        while (remaining > 0) {
            LockSupport.parkNanos(this, remaining);
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            remaining = permit.slotNanos() - nanoClock.getAsLong();
        }
        return Optional.of(permit);
    }

    /** Reserves the next slot and returns how long to wait for it, or -1 when it lies beyond maxWaitNanos. */
    synchronized long reserve(final long maxWaitNanos) {
        return reserve(nanoClock.getAsLong(), maxWaitNanos);
    }

    // the caller holds the lock and read the clock under it, so no slot is computed from a stale now
    private long reserve(final long now, final long maxWaitNanos) {
        final long slot = Math.max(now, nextFreeNanos);
        final long wait = slot - now;
        if (wait > maxWaitNanos) {
            return -1;
        }
        nextFreeNanos = slot + intervalNanos;
        return wait;
    }

    public long intervalNanos() {
        return intervalNanos;
    }
}
