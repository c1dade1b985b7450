package dev.nifiocr.ratelimit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces requests evenly for every thread of every processor sharing it on one node, at a rate that may change while
 * it is in use (a node's share of an account-wide limit changes when nodes join or leave the cluster, or when their work
 * comes and goes), or be paused (the node has no share now).
 * A caller reserves the next free slot and parks until it comes (no spinning); when the next slot is further away
 * than the caller will wait, nothing is reserved and the caller is told to come back later.
 */
final class RateLimiter {

    // how often a caller waiting for a paused limiter looks again (a rate set wakes it at once)
    private static final long PAUSED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier nanoClock;
    private volatile long intervalNanos;
    private volatile boolean paused;
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
     * Changes the rate from the next reservation on (and ends a pause); slots already handed out keep their time, so a
     * lower rate never lets a burst through and a higher rate takes effect within one old interval.
     */
    public synchronized void setRate(final double permitsPerSecond) {
        intervalNanos = interval(permitsPerSecond);
        paused = false;
        notifyAll();
    }

    /** Hands out no slot until the next {@link #setRate}; slots already handed out keep their time. */
    public synchronized void pause() {
        paused = true;
    }

    private static long interval(final double permitsPerSecond) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("Permits per second must be positive");
        }
        // rounded up: at 3/s the slots are 333,333,334 ns apart, so a second never holds a fourth
        return Math.max(1L, (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond));
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
     * Takes a permit like {@link #tryAcquire}, telling which one. While paused, the caller waits (within maxWait) for
     * a rate to be set.
     *
     * @return the permit, empty when none was taken
     */
    public Optional<Permit> acquire(final Duration maxWait) {
        final Optional<Permit> permit = reservePermit(maxWait);
        if (permit.isEmpty()) {
            return permit;
        }
        long remaining = permit.get().slotNanos() - nanoClock.getAsLong();
        while (remaining > 0) {
            LockSupport.parkNanos(this, remaining);
            if (Thread.currentThread().isInterrupted()) {
                return Optional.empty();
            }
            remaining = permit.get().slotNanos() - nanoClock.getAsLong();
        }
        return permit;
    }

    /** Reserves a permit like {@link #acquire} without waiting for its slot; while paused, waits (within maxWait) for a rate. */
    synchronized Optional<Permit> reservePermit(final Duration maxWait) {
        long now = nanoClock.getAsLong();
        final long deadline = now + maxWait.toNanos();
        while (paused) {
            final long left = Math.min(deadline - now, PAUSED_POLL_NANOS);
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            now = nanoClock.getAsLong();
        }
        final long waitNanos = reserve(now, deadline - now);
        if (waitNanos < 0) {
            return Optional.empty();
        }
        final long slot = now + waitNanos;
        return Optional.of(new Permit(slot, nextFreeNanos - slot));
    }

    /** Reserves the next slot and returns how long to wait for it, or -1 when it lies beyond maxWaitNanos or the limiter is paused. */
    synchronized long reserve(final long maxWaitNanos) {
        return paused ? -1 : reserve(nanoClock.getAsLong(), maxWaitNanos);
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

    /**
     * When the last slot handed out ends, with the spacing that was in force when it was taken: no slot handed out so
     * far has its interval reach past it, and the next slot is never sooner.
     */
    public synchronized long nextFreeNanos() {
        return nextFreeNanos;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Slots per second handed out now: 0 while paused. */
    public double rate() {
        return paused ? 0 : TimeUnit.SECONDS.toNanos(1) / (double) intervalNanos;
    }
}
