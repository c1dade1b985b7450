package dev.nifiocr.processors;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calls of one processor in flight, bounded by count and by the bytes of their request bodies: a call may start
 * while fewer than {@code maxCalls} are in flight and their bodies hold fewer than {@code maxBytes}, so at most
 * {@code maxCalls} calls and {@code maxBytes} plus one body per concurrent task are held (one call always fits, however
 * large). A call also waits while {@code maxRouting} answers are being routed: NiFi's repositories take one commit at a
 * time, so more answers routed at once only contend, and at an endpoint that answers at once this keeps the calls in
 * flight few (at Tencent's latency the answers come apart and are routed as they come). Waiting for room parks the
 * thread until a call ends or an answer is routed; nothing spins. Thread-safe: slots open on NiFi's threads and close on
 * the threads that read the answers, which take the lock only when someone waits.
 */
final class CallWindow {

    private final int maxCalls;
    private final long maxBytes;
    private final int maxRouting;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger routing = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean closed;

    CallWindow(final int maxCalls, final long maxBytes, final int maxRouting) {
        if (maxCalls < 1 || maxBytes < 1 || maxRouting < 1) {
            throw new IllegalArgumentException("A window holds at least one call of at least one byte, and routes at least one answer");
        }
        this.maxCalls = maxCalls;
        this.maxBytes = maxBytes;
        this.maxRouting = maxRouting;
    }

    /**
     * Waits at most {@code maxWait} for room for one more call.
     *
     * @return true when a call may start now; false when the window stayed full, was closed, or the thread was interrupted
     */
    boolean awaitRoom(final Duration maxWait) {
        if (closed) {
            return false;
        }
        if (hasRoom()) {
            return true;
        }
        long remaining = maxWait.toNanos();
        lock.lock();
        waiting.incrementAndGet();
        try {
            // checked again once counted as waiting: a slot that closes from now on signals
            while (!closed && !hasRoom()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return !closed;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
            lock.unlock();
        }
    }

    private boolean hasRoom() {
        return calls.get() < maxCalls && bytes.get() < maxBytes && routing.get() < maxRouting;
    }

    /** Counts a call that starts now, whose request body holds this many bytes, until its slot closes. */
    Slot open(final long requestBytes) {
        calls.incrementAndGet();
        bytes.addAndGet(requestBytes);
        return new Slot(requestBytes);
    }

    /** No call starts any more: waiting for room ends at once. The calls in flight go on. */
    void close() {
        closed = true;
        signal();
    }

    /**
     * Waits at most {@code maxWait} until no call is in flight.
     *
     * @return the calls still in flight: 0 when all ended
     */
    int awaitEmpty(final Duration maxWait) {
        final long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        waiting.incrementAndGet();
        try {
            while (calls.get() > 0) {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                changed.await(remaining, TimeUnit.NANOSECONDS);
            }
            return calls.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return calls.get();
        } finally {
            waiting.decrementAndGet();
            lock.unlock();
        }
    }

    /** Calls in flight now. */
    int calls() {
        return calls.get();
    }

    /** Bytes of request bodies in flight now. */
    long bytes() {
        return bytes.get();
    }

    private void signal() {
        if (waiting.get() > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * One call's place in the window, given back once when the call has ended and its FlowFile is committed. Between the
     * answer and the close, it counts among the answers being routed.
     */
    final class Slot {
        private final long requestBytes;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(final long requestBytes) {
            this.requestBytes = requestBytes;
        }

        /** The call ended; its answer is being routed. */
        void answered() {
            if (answered.compareAndSet(false, true)) {
                routing.incrementAndGet();
            }
        }

        void close() {
            if (open.compareAndSet(true, false)) {
                if (answered.get()) {
                    routing.decrementAndGet();
                }
                bytes.addAndGet(-requestBytes);
                calls.decrementAndGet();
                signal();
            }
        }
    }
}
