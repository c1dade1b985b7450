package dev.nifiocr.service;

import dev.nifiocr.cluster.MembershipWatch;
import dev.nifiocr.cluster.NodeLeases;
import dev.nifiocr.cluster.NodeLimits;
import dev.nifiocr.ratelimit.AccountRateLimits;
import dev.nifiocr.service.api.TencentApiException;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The client service's account rate limits: Rate Limit per Account, per-Action limits as dynamic properties, and this
 * node's share of them, agreed with the other nodes through the leases in the service's cluster state
 * ({@link NodeLeases}). Enabling starts every limiter at no share ({@link #SHARE_UNTIL_COUNTED}): a node joining a
 * cluster must not send before the others have made room for it. The service's own thread then reads the node's
 * membership and runs the lease protocol every {@link #MEMBERSHIP_CHECK}, so enabling never waits for NiFi's flow lock
 * or for cluster state; a processor asking before the first round waits for it (standalone, that is a moment).
 * <p>
 * Calls are spaced twice at the node's share: the permit a processor takes before its FlowFile, and the send slot taken
 * right before the request goes on the wire ({@link #awaitSendSlot}).
 */
final class RateLimitFacet {

    /** One request every 1,000 seconds; below it the spacing of requests would overflow the limiter's clock arithmetic. */
    static final double MINIMUM_RATE = 0.001;
    static final double MAXIMUM_RATE = 10_000;
    /** The share from enabling until this node is counted: none, so a node joining a cluster never sends before the others made room. */
    static final double SHARE_UNTIL_COUNTED = 0;
    // how often a node renews its lease, how long a lease outlives its last renewal (three missed renewals), and how
    // often the node looks at its membership and at the lease table (one ZooKeeper read; a write only when something
    // changed or the renewal is due), so joins, departures and shifts of work take effect within a second or two
    static final Duration LEASE_RENEWAL = Duration.ofSeconds(3);
    static final Duration LEASE_TIME = Duration.ofSeconds(12);
    static final Duration MEMBERSHIP_CHECK = Duration.ofMillis(500);
    /**
     * A node has work for a limit while one of its processors asked for a permit or a send slot within this time: NiFi
     * triggers a processor only while its queue holds FlowFiles, and a processor refused a permit yields 1 s by default,
     * then asks again. Without work for this long, the node gives its share to the nodes that have work.
     */
    static final Duration DEMAND_WINDOW = Duration.ofSeconds(3);
    /** How long a processor's first permit waits for the first round of the protocol after enabling. */
    static final Duration FIRST_ROUND_WAIT = Duration.ofSeconds(5);
    /** The longest a call that has its permit waits for its send slot (while the node has no share, e.g. rejoining). */
    static final Duration SEND_WAIT = Duration.ofSeconds(30);
    private static final String OLD_RATE_LIMIT = "Rate Limit per Node";
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");

    static final PropertyDescriptor RATE_LIMIT = new PropertyDescriptor.Builder()
            .name("Rate Limit per Account")
            .description("Most requests per second the whole account sends through this service, over all NiFi nodes and all "
                    + "processors using it, for the Actions without a limit of their own (add one as a dynamic property named "
                    + "after the Action). Tencent's default limit is 20 per second per Action for most general Actions (5 or 10 "
                    + "for many others). On a cluster the nodes that have work split it between them (a node without work gives its share "
                    + "to the others within seconds), and a node joining gets its share only after the others have given it up.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.createNonNegativeFloatingPointValidator(MAXIMUM_RATE))
            .build();

    private final Supplier<ComponentLog> log;
    private volatile Started started;
    // touched by the service's thread only
    private boolean renewalFailing;

    /** The enabled service's limiters and leases, and whether the protocol's first round has run. */
    private record Started(AccountRateLimits limits, NodeLeases leases, CountDownLatch firstRound) {

        AccountRateLimits afterFirstRound() {
            try {
                firstRound.await(FIRST_ROUND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return limits;
        }
    }

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

    /** Builds the limiters at no share and has the service's thread run the lease protocol from now on. */
    void start(final ConfigurationContext context, final StateManager state, final MembershipWatch membership,
               final ScheduledExecutorService background) {
        final Map<String, Double> actionLimits = new HashMap<>();
        context.getProperties().forEach((property, value) -> {
            if (property.isDynamic() && value != null) {
                actionLimits.put(property.getName(), Double.parseDouble(value.trim()));
            }
        });
        final AccountRateLimits limits = new AccountRateLimits(context.getProperty(RATE_LIMIT).asDouble(), actionLimits, log.get());
        limits.applyShare(SHARE_UNTIL_COUNTED);
        final NodeLimits steered = limits.steered(DEMAND_WINDOW);
        final Started now = new Started(limits, new NodeLeases(state, membership, steered, LEASE_RENEWAL, LEASE_TIME,
                System::currentTimeMillis, System::nanoTime), new CountDownLatch(1));
        started = now;
        renewalFailing = false;
        background.scheduleWithFixedDelay(() -> round(now, membership), 0, MEMBERSHIP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round(final Started now, final MembershipWatch membership) {
        final boolean first = now.firstRound().getCount() > 0;
        final int nodesBefore = now.leases().liveNodes();
        final Map<String, Double> ratesBefore = now.leases().rates();
        try {
            membership.read();
            now.leases().tick();
            renewalFailing = false;
            if (first) {
                log.get().info("Read after enabling: this node is {}; its rates are {} requests per second ({} nodes with a live lease)",
                        membership.get(), now.leases().rates(), now.leases().liveNodes());
            } else if (now.leases().liveNodes() != nodesBefore) {
                log.get().info("{} nodes with a live lease now; this node's rates are {} requests per second", now.leases().liveNodes(), now.leases().rates());
            } else if (!now.leases().rates().equals(ratesBefore)) {
                log.get().debug("This node's rates are now {} requests per second", now.leases().rates());
            }
        } catch (final IOException | RuntimeException e) {
            // one warning (and bulletin) when renewals start failing, not one every few seconds
            if (!renewalFailing) {
                log.get().warn("Reading this node's membership or its lease in cluster state failed; sending at most {} requests per second "
                        + "until it works", now.leases().rates(), e);
            }
            renewalFailing = true;
        } finally {
            now.firstRound().countDown();
        }
    }

    /** Gives up this node's lease; call it once the service's thread has ended. */
    void stop() {
        final Started current = started;
        started = null;
        if (current != null) {
            try {
                current.leases().release();
            } catch (final IOException | RuntimeException e) {
                log.get().warn("Releasing this node's lease failed; the others take its share when it expires", e);
            }
        }
    }

    boolean acquirePermit(final String action, final Duration maxWait) {
        return Enabled.require(started).afterFirstRound().tryAcquire(action, maxWait);
    }

    /**
     * Waits for the send slot of a call of the Action whose permit was taken, right before it goes on the wire: the calls
     * leave as far apart as the permits, however late a permit is used.
     *
     * @throws TencentApiException when no slot came within {@link #SEND_WAIT} (the node has had no share that long) or the
     * thread was interrupted; nothing was sent
     */
    void awaitSendSlot(final String action) throws TencentApiException {
        if (!Enabled.require(started).afterFirstRound().awaitSend(action, SEND_WAIT)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new TencentApiException(TencentApiException.INTERRUPTED, "Interrupted while waiting to send [%s] under the rate limit".formatted(action), null);
            }
            throw new TencentApiException(TencentApiException.TIMEOUT, "No send slot for [%s] within %d s: this node has had no share of the account's "
                    .formatted(action, SEND_WAIT.toSeconds()) + "rate limit that long (its cluster has not counted it yet, or it is disconnected)", null);
        }
    }

    /** Requests per second this node sends now for the Action (null: the shared limit). */
    double nodeRate(final String action) {
        final Started current = started;
        return current == null ? 0 : current.limits().nodeRate(action);
    }
}
