package dev.nifiocr.service;

import dev.nifiocr.cluster.Membership;
import dev.nifiocr.cluster.MembershipWatch;
import dev.nifiocr.cluster.NodeLeases;
import dev.nifiocr.cluster.SharePolicy;
import dev.nifiocr.ratelimit.AccountRateLimits;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The client service's account rate limits: Rate Limit per Account, per-Action limits as dynamic properties, and this
 * node's share of them, from its lease in the service's cluster state. Enabling starts every limiter at the cautious
 * share ({@link #CAUTIOUS_SHARE}); the service's own thread then reads the node's membership, renews the lease and sets
 * the share, so enabling never waits for NiFi's flow lock or for cluster state.
 */
final class RateLimitFacet {

    /** One request every 1,000 seconds; below it the spacing of requests would overflow the limiter's clock arithmetic. */
    static final double MINIMUM_RATE = 0.001;
    static final double MAXIMUM_RATE = 10_000;
    /** The share before the membership is known: that of a node whose cluster is not counted yet. */
    static final double CAUTIOUS_SHARE = SharePolicy.fraction(Membership.DISCONNECTED, 0, false);
    // how often a node renews its lease, how long a lease outlives its last renewal (three missed renewals), and how
    // often the node looks at its membership (free: no state access), so a disconnection or reconnection acts at once
    static final Duration LEASE_RENEWAL = Duration.ofSeconds(3);
    static final Duration LEASE_TIME = Duration.ofSeconds(12);
    static final Duration MEMBERSHIP_CHECK = Duration.ofMillis(500);
    private static final String OLD_RATE_LIMIT = "Rate Limit per Node";
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");

    static final PropertyDescriptor RATE_LIMIT = new PropertyDescriptor.Builder()
            .name("Rate Limit per Account")
            .description("Most requests per second the whole account sends through this service, over all NiFi nodes and all "
                    + "processors using it, for the Actions without a limit of their own (add one as a dynamic property named "
                    + "after the Action). Tencent's default limit is 20 per second per Action for most general Actions (5 or 10 "
                    + "for many others). On a cluster each connected node takes an equal share, re-counted every few seconds.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.createNonNegativeFloatingPointValidator(MAXIMUM_RATE))
            .build();

    private final Supplier<ComponentLog> log;
    private volatile AccountRateLimits limits;
    // touched by the service's thread only, and by stop() once that thread has ended
    private NodeLeases leases;
    private boolean renewalFailing;

    RateLimitFacet(final Supplier<ComponentLog> log) {
        this.log = log;
    }

    /** A per-Action limit: a dynamic property named after the Action. */
    static PropertyDescriptor actionLimit(final String action) {
        return new PropertyDescriptor.Builder()
                .name(action)
                .description("The account's rate limit for the Action %s, in requests per second over all nodes".formatted(action))
                .dynamic(true)
                .required(false)
                .addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                        .valid(ACTION_NAME.matcher(subject).matches() && isRate(input))
                        .explanation("the name must be an Action (such as VatInvoiceOCR) and the value requests per second from " + MINIMUM_RATE + " to " + (long) MAXIMUM_RATE)
                        .build())
                .build();
    }

    private static boolean isRate(final String input) {
        try {
            final double rate = Double.parseDouble(input.trim());
            return rate >= MINIMUM_RATE && rate <= MAXIMUM_RATE;
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    static void validate(final ValidationContext context, final Collection<ValidationResult> results) {
        if (context.getProperty(RATE_LIMIT).isSet() && !(context.getProperty(RATE_LIMIT).asDouble() >= MINIMUM_RATE)) {
            results.add(new ValidationResult.Builder().subject(RATE_LIMIT.getName()).valid(false)
                    .explanation("[%s] must be at least %s requests per second (one every %,.0f seconds)"
                            .formatted(RATE_LIMIT.getName(), MINIMUM_RATE, 1 / MINIMUM_RATE)).build());
        }
    }

    /**
     * Flows written for 0.1 had {@value #OLD_RATE_LIMIT}. Its value becomes the account's limit: on one node that is the
     * same limit; on a cluster the nodes together now send at most that value (before: that value on every node), which never
     * sends more than before and is what the old README asked users to approximate by hand.
     */
    static void migrate(final PropertyConfiguration config) {
        config.renameProperty(OLD_RATE_LIMIT, RATE_LIMIT.getName());
    }

    /** Builds the limiters at the cautious share and has the service's thread look after membership and lease from now on. */
    void start(final ConfigurationContext context, final StateManager state, final MembershipWatch membership,
               final ScheduledExecutorService background) {
        final Map<String, Double> actionLimits = new HashMap<>();
        context.getProperties().forEach((property, value) -> {
            if (property.isDynamic() && value != null) {
                actionLimits.put(property.getName(), Double.parseDouble(value.trim()));
            }
        });
        final AccountRateLimits started = new AccountRateLimits(context.getProperty(RATE_LIMIT).asDouble(), actionLimits, log.get());
        started.applyShare(CAUTIOUS_SHARE);
        limits = started;
        renewalFailing = false;
        background.scheduleWithFixedDelay(() -> renew(started, state, membership), 0, MEMBERSHIP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void renew(final AccountRateLimits started, final StateManager state, final MembershipWatch membership) {
        final NodeLeases known = leases;
        final double before = known == null ? CAUTIOUS_SHARE : known.fraction();
        try {
            membership.read();
            final NodeLeases current = known != null ? known : new NodeLeases(state, membership, LEASE_RENEWAL, LEASE_TIME, System::currentTimeMillis);
            if (known == null) {
                current.subscribe(started::applyShare);
                leases = current;
            }
            if (current.tick()) {
                renewalFailing = false;
            }
            if (known == null) {
                log.get().info("Read after enabling: this node is {}; its share of the account's rate limits is {} ({} nodes with a live lease)",
                        membership.get(), current.fraction(), current.liveNodes());
            } else if (current.fraction() != before) {
                log.get().info("This node's share of the account's rate limits is now {} ({} nodes with a live lease)", current.fraction(), current.liveNodes());
            }
        } catch (final IOException | RuntimeException e) {
            // one warning (and bulletin) when renewals start failing, not one every few seconds
            if (!renewalFailing) {
                log.get().warn("Reading this node's membership or renewing its lease in cluster state failed; sending at a cautious share of {} "
                        + "until it works", leases == null ? CAUTIOUS_SHARE : leases.fraction(), e);
            }
            renewalFailing = true;
        }
    }

    /** Gives up this node's lease; call it once the service's thread has ended. */
    void stop() {
        final NodeLeases current = leases;
        limits = null;
        leases = null;
        if (current != null) {
            try {
                current.release();
            } catch (final IOException | RuntimeException e) {
                log.get().warn("Releasing this node's lease failed; the others take its share when it expires", e);
            }
        }
    }

    boolean acquirePermit(final String action, final Duration maxWait) {
        return Enabled.require(limits).tryAcquire(action, maxWait);
    }

    /** Requests per second this node sends now for the Action (null: the shared limit). */
    double nodeRate(final String action) {
        final AccountRateLimits current = limits;
        return current == null ? 0 : current.nodeRate(action);
    }
}
