package dev.nifiocr.ratelimit;

import dev.nifiocr.cluster.NodeLimits;
import org.apache.nifi.logging.ComponentLog;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * An account's request rate limits, enforced on this node at its share: one limit shared by every Action without a
 * limit of its own (key {@link #SHARED}), and one per Action that has one (key: the Action; Tencent sets some Actions
 * lower or higher than the usual 20/s). The set of limits is fixed when built, so Action names taken from FlowFiles
 * cannot grow it.
 * <p>
 * Each limit spaces twice, at the same rate: the <em>permit</em> a processor takes before it takes a FlowFile (so
 * FlowFiles wait in their queue, not in memory), and the <em>send</em> slot the client service takes right before the
 * request goes on the wire. A permit used late (the first call of a processor warms up for seconds; several tasks or
 * calls in flight) would otherwise leave close behind the next one: the send slots keep the calls themselves apart.
 * <p>
 * Every permit and send asked for (granted or not) tells that this node has work for that limit ({@link #demand}).
 * At DEBUG it logs every permit and send slot it grants: its slot, when the caller went on, both in
 * {@link System#nanoTime()} (on Linux the host's monotonic clock, which a test on the same host compares with when each
 * call arrived), and the interval that spaces the next slot.
 */
public final class AccountRateLimits {

    /** The key of the limit shared by the Actions without their own. */
    public static final String SHARED = "*";

    private final Map<String, Limit> limits = new HashMap<>();
    private final ComponentLog log;
    private final LongSupplier nanoClock;

    /**
     * @param accountLimit requests per second for the whole account, shared by the Actions without their own limit
     * @param actionLimits requests per second for the whole account, per Action
     * @param log where granted permits go at DEBUG
     */
    public AccountRateLimits(final double accountLimit, final Map<String, Double> actionLimits, final ComponentLog log) {
        this(accountLimit, actionLimits, log, System::nanoTime);
    }

    AccountRateLimits(final double accountLimit, final Map<String, Double> actionLimits, final ComponentLog log, final LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        limits.put(SHARED, new Limit(accountLimit, nanoClock));
        actionLimits.forEach((action, limit) -> limits.put(action, new Limit(limit, nanoClock)));
    }

    /** One limit: the account's rate, this node's permit and send spacing, and when this node last asked for it. */
    private static final class Limit {
        private final double accountRate;
        private final RateLimiter permits;
        private final RateLimiter sends;
        private volatile long lastAskNanos;
        private volatile boolean asked;

        private Limit(final double accountRate, final LongSupplier nanoClock) {
            this.accountRate = accountRate;
            this.permits = new RateLimiter(accountRate, nanoClock);
            this.sends = new RateLimiter(accountRate, nanoClock);
        }

        private void setRate(final double rate) {
            if (rate > 0) {
                permits.setRate(rate);
                sends.setRate(rate);
            } else {
                permits.pause();
                sends.pause();
            }
        }
    }

    /**
     * Takes a permit for the Action, waiting at most {@code maxWait}.
     *
     * @param action the Action about to be called, or null when not known yet (the shared limit applies)
     */
    public boolean tryAcquire(final String action, final Duration maxWait) {
        return take(action, maxWait, false);
    }

    /**
     * Takes the send slot for a call of the Action about to go on the wire, waiting at most {@code maxWait}: its permit
     * was taken before, the send slot keeps the calls as far apart as the permits.
     */
    public boolean awaitSend(final String action, final Duration maxWait) {
        return take(action, maxWait, true);
    }

    private boolean take(final String action, final Duration maxWait, final boolean send) {
        final String key = key(action);
        final Optional<RateLimiter.Permit> permit = asked(key, send).acquire(maxWait);
        if (permit.isPresent()) {
            log.debug("Rate {} for [{}] under the {} limit: slot {} ns, released {} ns, interval {} ns", send ? "send" : "permit", action,
                    key.equals(SHARED) ? "account" : "Action", permit.get().slotNanos(), System.nanoTime(), permit.get().intervalNanos());
        }
        return permit.isPresent();
    }

    /** Reserves a permit or send slot without waiting for it: for a test driving the clock. */
    Optional<RateLimiter.Permit> reserve(final String action, final Duration maxWait, final boolean send) {
        return asked(action == null ? SHARED : key(action), send).reservePermit(maxWait);
    }

    // notes that this node has work for the limit, and returns its permit or send spacing
    private RateLimiter asked(final String key, final boolean send) {
        final Limit limit = limits.get(key);
        limit.lastAskNanos = nanoClock.getAsLong();
        limit.asked = true;
        return send ? limit.sends : limit.permits;
    }

    /** Sets every limit to this node's fraction of the account's. */
    public void applyShare(final double fraction) {
        limits.values().forEach(limit -> limit.setRate(limit.accountRate * fraction));
    }

    /**
     * Sets this node's rate per key (requests per second; 0: none now, callers wait or are refused). Keys not given keep
     * their rate.
     *
     * @return when the last slot handed out so far at the earlier rates ends ({@link System#nanoTime()}): from then on
     * every slot is spaced at the rates set here
     */
    public long applyRates(final Map<String, Double> rates) {
        long until = Long.MIN_VALUE;
        for (final Map.Entry<String, Double> rate : rates.entrySet()) {
            final Limit limit = limits.get(rate.getKey());
            if (limit != null) {
                limit.setRate(rate.getValue());
                until = Math.max(until, Math.max(limit.permits.nextFreeNanos(), limit.sends.nextFreeNanos()));
            }
        }
        return until;
    }

    /** The account's limit per key, requests per second. */
    public Map<String, Double> accountLimits() {
        final Map<String, Double> rates = new HashMap<>();
        limits.forEach((key, limit) -> rates.put(key, limit.accountRate));
        return rates;
    }

    /** The keys this node asked a permit or send slot for within the window: it has FlowFiles waiting for them. */
    public Set<String> demand(final Duration window) {
        final long since = nanoClock.getAsLong() - window.toNanos();
        final Set<String> keys = new HashSet<>();
        limits.forEach((key, limit) -> {
            if (limit.asked && limit.lastAskNanos - since >= 0) {
                keys.add(key);
            }
        });
        return Collections.unmodifiableSet(keys);
    }

    /** These limits as the cluster's lease protocol steers them: a key has work while asked for within {@code demandWindow}. */
    public NodeLimits steered(final Duration demandWindow) {
        return new NodeLimits() {
            @Override
            public Map<String, Double> accountLimits() {
                return AccountRateLimits.this.accountLimits();
            }

            @Override
            public Set<String> demand() {
                return AccountRateLimits.this.demand(demandWindow);
            }

            @Override
            public long apply(final Map<String, Double> rates) {
                return applyRates(rates);
            }
        };
    }

    /** Requests per second this node sends now for the Action (null: the shared limit); 0 while it has no share. */
    public double nodeRate(final String action) {
        return limits.get(key(action)).permits.rate();
    }

    /** The key of the limit that applies to the Action. */
    public String key(final String action) {
        return action != null && limits.containsKey(action) ? action : SHARED;
    }
}
