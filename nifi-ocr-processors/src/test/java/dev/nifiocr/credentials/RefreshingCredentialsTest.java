package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.TestServices;
import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshingCredentialsTest {

    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final TencentCredentials FIRST = new TencentCredentials("AKIDfirst000", "first-secret-key", "first-token");
    private static final TencentCredentials SECOND = new TencentCredentials("AKIDsecond00", "second-secret-key", "second-token");

    private final TestClock clock = new TestClock(START);
    private final MockComponentLog log = new MockComponentLog("credentials", this);
    private final ScriptedSource source = new ScriptedSource();
    private final RefreshingCredentials credentials = new RefreshingCredentials(source, Duration.ofSeconds(300), clock, log);

    @Test
    void reusesCredentialsUntilTheRefreshIsDue() {
        source.issue(FIRST, START.plus(HOUR));
        source.issue(SECOND, START.plus(HOUR).plus(HOUR));

        assertEquals(FIRST, credentials.get());
        clock.advance(Duration.ofSeconds(3299));
        assertEquals(FIRST, credentials.get());
        assertEquals(1, source.calls.get());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(SECOND, credentials.get());
        assertEquals(2, source.calls.get());
        assertEquals(new CredentialsStatus("Scripted Source", START.plus(HOUR).plus(HOUR), START.plus(HOUR).plus(HOUR).minusSeconds(300)),
                credentials.status());
    }

    @Test
    void fetchesNewCredentialsWhenTheOldOnesExpiredDuringARun() {
        source.issue(FIRST, START.plus(HOUR));
        source.issue(SECOND, START.plus(HOUR).plus(HOUR));
        assertEquals(FIRST, credentials.get());

        clock.advance(HOUR);

        assertEquals(SECOND, credentials.get());
        assertEquals(2, source.calls.get());
    }

    @Test
    void keepsValidCredentialsWhenARefreshFailsOnceAndRetriesAfterBackoff() {
        source.issue(FIRST, START.plus(HOUR));
        source.fail("metadata service answered HTTP 500");
        source.issue(SECOND, START.plus(HOUR).plus(HOUR));
        assertEquals(FIRST, credentials.get());
        clock.advance(Duration.ofSeconds(3300));

        assertEquals(FIRST, credentials.get());
        assertEquals(FIRST, credentials.get());
        assertEquals(2, source.calls.get());
        assertEquals(1, log.getWarnMessages().size());
        assertTrue(TestServices.allLogText(log).contains("HTTP 500"));

        clock.advance(RefreshingCredentials.FIRST_BACKOFF);
        assertEquals(SECOND, credentials.get());
        assertEquals(3, source.calls.get());
        assertFalse(TestServices.allLogText(log).contains("secret-key"));
    }

    @Test
    void failsNamingTheSourceWhenNothingValidIsLeftAndBacksOff() {
        source.fail("metadata service at http://metadata/ did not answer");
        source.fail("still down");
        source.issue(FIRST, START.plus(HOUR));

        final CredentialsException first = assertThrows(CredentialsException.class, credentials::get);
        assertTrue(first.getMessage().startsWith("Scripted Source: no valid credentials"));
        assertTrue(first.getMessage().contains("did not answer"));
        final CredentialsException backingOff = assertThrows(CredentialsException.class, credentials::get);
        assertTrue(backingOff.getMessage().contains("next attempt at " + START.plus(RefreshingCredentials.FIRST_BACKOFF)));
        assertEquals(1, source.calls.get());

        clock.advance(RefreshingCredentials.FIRST_BACKOFF);
        assertThrows(CredentialsException.class, credentials::get);
        clock.advance(RefreshingCredentials.FIRST_BACKOFF);
        final CredentialsException doubled = assertThrows(CredentialsException.class, credentials::get);
        assertTrue(doubled.getMessage().contains("still down"));
        assertEquals(2, source.calls.get());

        clock.advance(RefreshingCredentials.FIRST_BACKOFF.multipliedBy(2));
        assertEquals(FIRST, credentials.get());
    }

    @Test
    void makesOneRefreshForManyCallersWhenNothingValidIsLeft() throws Exception {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        source.issueWhenReleased(FIRST, START.plus(HOUR), entered, release);
        final int callers = 8;
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            final List<Future<TencentCredentials>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(credentials::get));
            }
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            awaitWaitingCallers(callers - 1);
            release.countDown();
            for (final Future<TencentCredentials> result : results) {
                assertEquals(FIRST, result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, source.calls.get());
    }

    @Test
    void letsOtherCallersSignWithValidCredentialsWhileOneRefreshes() throws Exception {
        source.issue(FIRST, START.plus(HOUR));
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        source.issueWhenReleased(SECOND, START.plus(HOUR).plus(HOUR), entered, release);
        assertEquals(FIRST, credentials.get());
        clock.advance(Duration.ofSeconds(3400));

        final ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            final Future<TencentCredentials> refresher = pool.submit(credentials::get);
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertEquals(FIRST, credentials.get());
            release.countDown();
            assertEquals(SECOND, refresher.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(SECOND, credentials.get());
        assertEquals(2, source.calls.get());
    }

    @Test
    void refreshesRejectedCredentialsOnceAndOnlyWhileTheyAreCurrent() {
        source.issue(FIRST, START.plus(HOUR));
        source.issue(SECOND, START.plus(HOUR).plus(HOUR));
        assertEquals(FIRST, credentials.get());

        assertTrue(credentials.refreshRejected(FIRST));
        assertEquals(SECOND, credentials.get());
        assertTrue(credentials.refreshRejected(FIRST));
        assertEquals(2, source.calls.get());
    }

    @Test
    void dropsRejectedCredentialsWhenTheirRefreshFails() {
        source.issue(FIRST, START.plus(HOUR));
        source.fail("STS AssumeRole answered [InternalError.SystemError]");
        assertEquals(FIRST, credentials.get());

        assertFalse(credentials.refreshRejected(FIRST));
        assertTrue(assertThrows(CredentialsException.class, credentials::get).getMessage().contains("InternalError.SystemError"));
    }

    @Test
    void refreshesShortLivedCredentialsHalfwayThroughTheirLifetime() {
        source.issue(FIRST, START.plusSeconds(10));
        source.issue(SECOND, START.plusSeconds(20));
        assertEquals(FIRST, credentials.get());
        assertEquals(START.plusSeconds(5), credentials.status().nextRefresh());

        clock.advance(Duration.ofSeconds(4));
        assertEquals(FIRST, credentials.get());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(SECOND, credentials.get());
    }

    @Test
    void refusesCredentialsIssuedAlreadyExpired() {
        source.issue(FIRST, START.minusSeconds(1));
        assertTrue(assertThrows(CredentialsException.class, credentials::get).getMessage().contains("clock skew"));
    }

    @Test
    void recognisesAnswersThatRejectTheCredentials() {
        final TencentCredentials permanent = new TencentCredentials("AKIDpermanent", "permanent-key", null);
        assertTrue(CredentialsProvider.isRejection("AuthFailure.TokenFailure", FIRST));
        assertTrue(CredentialsProvider.isRejection("AuthFailure.SecretIdNotFound", FIRST));
        assertFalse(CredentialsProvider.isRejection("AuthFailure.SecretIdNotFound", permanent));
        assertFalse(CredentialsProvider.isRejection("AuthFailure.SignatureFailure", FIRST));
        assertFalse(CredentialsProvider.isRejection(null, FIRST));
    }

    private void awaitWaitingCallers(final int expected) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (credentials.waitingCallers() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, credentials.waitingCallers());
    }

    /** A source that answers from a script, one step per fetch, and counts the fetches. */
    private static final class ScriptedSource implements CredentialsSource {
        private final Deque<Supplier<IssuedCredentials>> script = new ArrayDeque<>();
        private final AtomicInteger calls = new AtomicInteger();

        void issue(final TencentCredentials credentials, final Instant expiration) {
            script.add(() -> new IssuedCredentials(credentials, expiration));
        }

        void fail(final String message) {
            script.add(() -> {
                throw new CredentialsException(message);
            });
        }

        void issueWhenReleased(final TencentCredentials credentials, final Instant expiration, final CountDownLatch entered, final CountDownLatch release) {
            script.add(() -> {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new IssuedCredentials(credentials, expiration);
            });
        }

        @Override
        public String description() {
            return "Scripted Source";
        }

        @Override
        public synchronized IssuedCredentials fetch() {
            calls.incrementAndGet();
            return script.removeFirst().get();
        }
    }
}
