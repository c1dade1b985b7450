package dev.nifiocr.cluster;

import org.apache.nifi.controller.NodeTypeProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only read() asks NiFi; get() answers the last reading, or waits for the first one and then takes the cautious view. */
class MembershipWatchTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<Boolean> connected = new AtomicReference<>(true);
    private final NodeTypeProvider nifi = new NodeTypeProvider() {
        @Override
        public boolean isClustered() {
            asked.incrementAndGet();
            return true;
        }

        @Override
        public boolean isConfiguredForClustering() {
            asked.incrementAndGet();
            return true;
        }

        @Override
        public boolean isConnected() {
            asked.incrementAndGet();
            return connected.get();
        }

        @Override
        public boolean isPrimary() {
            return false;
        }
    };

    @Test
    void answersTheLastReadingWithoutAskingNiFi() {
        final MembershipWatch watch = new MembershipWatch(nifi, Duration.ofSeconds(30));

        assertEquals(Membership.CONNECTED, watch.read());
        connected.set(false);
        final int questions = asked.get();
        assertEquals(Membership.CONNECTED, watch.get());
        assertEquals(questions, asked.get(), "get() asked NiFi");

        assertEquals(Membership.DISCONNECTED, watch.read());
        assertEquals(Membership.DISCONNECTED, watch.get());
    }

    @Test
    void beforeTheFirstReadingTakesTheCautiousViewWithoutAskingNiFi() {
        final MembershipWatch watch = new MembershipWatch(nifi, Duration.ofMillis(10));

        assertEquals(Membership.DISCONNECTED, watch.get());
        assertEquals(0, asked.get());
    }

    @Test
    void waitsForTheFirstReadingInFlight() throws Exception {
        final MembershipWatch watch = new MembershipWatch(nifi, Duration.ofSeconds(30));
        final CountDownLatch waiting = new CountDownLatch(1);
        final AtomicReference<Membership> seen = new AtomicReference<>();
        final Thread reader = new Thread(() -> {
            waiting.countDown();
            seen.set(watch.get());
        });
        reader.start();
        assertTrue(waiting.await(30, TimeUnit.SECONDS));

        watch.read();
        reader.join(TimeUnit.SECONDS.toMillis(30));

        assertEquals(Membership.CONNECTED, seen.get());
    }
}
