package dev.nifiocr.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * An account's request rate limits, enforced on this node at its share: one limiter shared by every Action without a
 * limit of its own, and one limiter per Action that has one (Tencent sets some Actions lower or higher than the usual 20/s).
 * The set of limiters is fixed when built, so Action names taken from FlowFiles cannot grow it.
 */
public final class AccountRateLimits {

    private final double accountLimit;
    private final Map<String, Double> actionLimits;
    private final RateLimiter shared;
    private final Map<String, RateLimiter> perAction = new HashMap<>();

    /**
     * @param accountLimit requests per second for the whole account, shared by the Actions without their own limit
     * @param actionLimits requests per second for the whole account, per Action
     */
    public AccountRateLimits(final double accountLimit, final Map<String, Double> actionLimits) {
        this.accountLimit = accountLimit;
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
        return limiter(action).tryAcquire(maxWait);
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
