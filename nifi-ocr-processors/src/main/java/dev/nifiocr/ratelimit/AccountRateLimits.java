package dev.nifiocr.ratelimit;

import org.apache.nifi.logging.ComponentLog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An account's request rate limits, enforced on this node at its share: one limiter shared by every Action without a
 * limit of its own, and one limiter per Action that has one (Tencent sets some Actions lower or higher than the usual 20/s).
 * The set of limiters is fixed when built, so Action names taken from FlowFiles cannot grow it.
 * <p>
 * At DEBUG it logs every permit it grants: its slot, when the caller went on, both in {@link System#nanoTime()} (on Linux
 * the host's monotonic clock, which a test on the same host compares with when each call arrived), and the interval that
 * spaces the next slot.
 */
public final class AccountRateLimits {

    private final double accountLimit;
    private final Map<String, Double> actionLimits;
    private final RateLimiter shared;
    private final Map<String, RateLimiter> perAction = new HashMap<>();
    private final ComponentLog log;

    /**
     * @param accountLimit requests per second for the whole account, shared by the Actions without their own limit
     * @param actionLimits requests per second for the whole account, per Action
     * @param log where granted permits go at DEBUG
     */
    public AccountRateLimits(final double accountLimit, final Map<String, Double> actionLimits, final ComponentLog log) {
        this.accountLimit = accountLimit;
        this.log = log;
        this.actionLimits = Map.copyOf(actionLimits);
        this.shared = new RateLimiter(accountLimit);
        this.actionLimits.forEach((action, limit) -> perAction.put(action, new RateLimiter(limit)));
    }

    /**
     * Takes a permit for the Action, waiting at most {@code maxWait}.
     *
     * @param action the Action about to be called, or null when not known yet (the shared limit applies)
     */
    public boolean tryAcquire(final String action, final Duration maxWait) {
        final RateLimiter limiter = limiter(action);
        final Optional<RateLimiter.Permit> permit = limiter.acquire(maxWait);
        if (permit.isPresent()) {
            log.debug("Rate permit for [{}] under the {} limit: slot {} ns, released {} ns, interval {} ns", action,
                    limiter == shared ? "account" : "Action", permit.get().slotNanos(), System.nanoTime(), permit.get().intervalNanos());
        }
        return permit.isPresent();
    }

    /** Sets every limiter to this node's fraction of the account's limit. */
    public void applyShare(final double fraction) {
        shared.setRate(accountLimit * fraction);
        perAction.forEach((action, limiter) -> limiter.setRate(actionLimits.get(action) * fraction));
    }

    /** Requests per second this node sends now for the Action (null: the shared limit). */
    public double nodeRate(final String action) {
        return 1e9 / limiter(action).intervalNanos();
    }

    private RateLimiter limiter(final String action) {
        final RateLimiter own = action == null ? null : perAction.get(action);
        return own == null ? shared : own;
    }
}
