package dev.nifiocr.cluster;

import org.apache.nifi.controller.NodeTypeProvider;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This node's {@link Membership} as last read by the service's own thread. Asking NiFi ({@link NodeTypeProvider}) can wait
 * for NiFi's flow lock, which NiFi holds while it synchronizes the flow at startup and enables services: so only
 * {@link #read()}, on the service's thread, asks NiFi; everyone else ({@link #get()}: leases, budgets, processor threads)
 * takes the last answer. Before the first answer, {@link #get()} waits a moment for it and then answers
 * {@link Membership#DISCONNECTED}, the cautious view: nothing is counted in cluster state that may be local.
 */
public final class MembershipWatch implements Supplier<Membership> {

    private final NodeTypeProvider provider;
    private final Duration firstReadWait;
    private final CountDownLatch firstRead = new CountDownLatch(1);
    private volatile Membership last;

    /**
     * @param firstReadWait how long {@link #get()} waits for the first {@link #read()} before answering the cautious view
     */
    public MembershipWatch(final NodeTypeProvider provider, final Duration firstReadWait) {
        this.provider = provider;
        this.firstReadWait = firstReadWait;
    }

    /** Asks NiFi; may wait for NiFi's flow lock, so call it on the service's own thread only. */
    public Membership read() {
        final Membership now = Membership.of(provider);
        last = now;
        firstRead.countDown();
        return now;
    }

    /** The membership as last read; before the first read, waits for it at most the first-read wait, then DISCONNECTED. */
    @Override
    public Membership get() {
        final Membership known = last;
        if (known != null) {
            return known;
        }
        try {
            if (firstRead.await(firstReadWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return last;
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Membership.DISCONNECTED;
    }
}
