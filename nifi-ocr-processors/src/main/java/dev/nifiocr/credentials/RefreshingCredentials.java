package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Temporary credentials from a {@link CredentialsSource}, refreshed before they expire.
 * <ul>
 *   <li>Callers read one immutable {@link Lease}, so a request is signed with one consistent set.</li>
 *   <li>One refresh at a time: when credentials are due but still valid, one caller refreshes and the others keep signing
 *       with the valid set; when none are valid, the others wait for that one refresh instead of calling the source too.</li>
 *   <li>A failed refresh keeps the still-valid set and is retried with exponential backoff; once nothing valid is left,
 *       callers get a {@link CredentialsException} naming the source and the error until a refresh succeeds.</li>
 * </ul>
 * The refresh margin is the SDKs' (300 s for instance roles and AssumeRole, 600 s for web identity), capped at half the
 * lifetime so that short-lived credentials are still used for a while.
 */
public final class RefreshingCredentials implements CredentialsProvider {

    /** How long after a failed fetch the source is asked again, doubling up to {@link #MAX_BACKOFF}. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    // Stop signing with credentials this long before they expire: a request in flight must arrive while they are valid.
    private static final Duration EXPIRY_GUARD = Duration.ofSeconds(30);

    private final CredentialsSource source;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ComponentLog log;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile Lease lease;
    // guarded by refreshLock
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff = FIRST_BACKOFF;
    private String lastError;

    /** One set of credentials and the times that govern it. */
    private record Lease(TencentCredentials credentials, Instant expiration, Instant refreshAt, Instant usableUntil) {
    }

    public RefreshingCredentials(final CredentialsSource source, final Duration refreshMargin, final Clock clock, final ComponentLog log) {
        this.source = source;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public TencentCredentials get() {
        final Lease current = lease;
        final Instant now = clock.instant();
        if (current != null && now.isBefore(current.refreshAt())) {
            return current.credentials();
        }
        if (current != null && now.isBefore(current.usableUntil())) {
            if (refreshLock.tryLock()) {
                try {
                    if (lease == current && !now.isBefore(nextAttempt)) {
                        refreshKeepingValid(now);
                    }
                } finally {
                    refreshLock.unlock();
                }
            }
            final Lease after = lease;
            if (after != null) {
                return after.credentials();
            }
        }
        refreshLock.lock();
        try {
            final Lease latest = lease;
            final Instant at = clock.instant();
            if (latest != null && at.isBefore(latest.usableUntil())) {
                return latest.credentials();
            }
            if (at.isBefore(nextAttempt)) {
                throw new CredentialsException("%s: no valid credentials; the last refresh failed (%s), next attempt at %s"
                        .formatted(source.description(), lastError, nextAttempt.truncatedTo(ChronoUnit.SECONDS)));
            }
            try {
                return refresh(at).credentials();
            } catch (final CredentialsException e) {
                throw new CredentialsException("%s: no valid credentials: %s".formatted(source.description(), e.getMessage()), e);
            }
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public CredentialsStatus status() {
        get();
        final Lease current = lease;
        return new CredentialsStatus(source.description(), current.expiration(), current.refreshAt());
    }

    @Override
    public boolean refreshRejected(final TencentCredentials rejected) {
        refreshLock.lock();
        try {
            final Lease current = lease;
            if (current != null && !current.credentials().equals(rejected)) {
                return true;
            }
            final Instant now = clock.instant();
            try {
                return !refresh(now).credentials().equals(rejected);
            } catch (final CredentialsException e) {
                // Tencent refused them: do not sign with them again.
                lease = null;
                return false;
            }
        } finally {
            refreshLock.unlock();
        }
    }

    private void refreshKeepingValid(final Instant now) {
        try {
            refresh(now);
        } catch (final CredentialsException e) {
            log.warn("Refreshing credentials from {} failed; still using the current ones, valid until {}; next attempt at {}: {}",
                    source.description(), lease.expiration(), nextAttempt.truncatedTo(ChronoUnit.SECONDS), e.getMessage());
        }
    }

    /** Fetches new credentials and installs them; on failure records the error and when to try again. Holds refreshLock. */
    private Lease refresh(final Instant now) {
        final IssuedCredentials issued;
        try {
            issued = source.fetch();
        } catch (final CredentialsException e) {
            lastError = e.getMessage();
            final Lease current = lease;
            Duration delay = backoff;
            if (current != null && now.isBefore(current.usableUntil())) {
                final Duration halfRemaining = Duration.between(now, current.usableUntil()).dividedBy(2);
                delay = delay.compareTo(halfRemaining) < 0 ? delay : halfRemaining;
            }
            nextAttempt = now.plus(delay);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) < 0 ? backoff.multipliedBy(2) : MAX_BACKOFF;
            throw e;
        }
        final Duration lifetime = Duration.between(now, issued.expiration());
        if (lifetime.isNegative() || lifetime.isZero()) {
            lastError = "credentials issued already expired at " + issued.expiration();
            nextAttempt = now.plus(backoff);
            throw new CredentialsException("%s issued credentials that expired at %s (clock skew?)".formatted(source.description(), issued.expiration()));
        }
        final Duration margin = shorter(refreshMargin, lifetime.dividedBy(2));
        final Duration guard = shorter(EXPIRY_GUARD, lifetime.dividedBy(10));
        final Lease fresh = new Lease(issued.credentials(), issued.expiration(), issued.expiration().minus(margin), issued.expiration().minus(guard));
        lease = fresh;
        backoff = FIRST_BACKOFF;
        nextAttempt = Instant.MIN;
        lastError = null;
        log.debug("Credentials from {} refreshed; they expire at {}, next refresh at {}", source.description(), fresh.expiration(), fresh.refreshAt());
        return fresh;
    }

    private static Duration shorter(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Callers waiting for a refresh in flight; for tests that prove there is only one. */
    int waitingCallers() {
        return refreshLock.getQueueLength();
    }

    @Override
    public void close() {
        if (source instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (final Exception e) {
                log.debug("Closing {} failed", source.description(), e);
            }
        }
    }
}
