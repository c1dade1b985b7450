package dev.nifiocr.processors;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps a window of calls to Tencent in flight for a processor without a NiFi thread waiting on any of them. Each
 * onTrigger waits (parked, never spinning) for room in the {@link CallWindow}, passes the {@link CallGate} (budget and
 * permit, so calls leave at the rate limit and a spent budget leaves FlowFiles queued), takes one FlowFile in a session
 * of its own, lets the processor build the request, starts the call and returns. The answer is routed by the processor
 * and its session committed on the thread that read it, as it arrives, as ListenHTTP commits the sessions it creates on
 * its server's threads: one slow call holds up no other. Stopping waits for the calls in flight: each ends within the
 * client service's Call Timeout, its FlowFile routed and committed; a FlowFile whose call never started stays queued.
 */
final class CallsInFlight {

    static final PropertyDescriptor MAXIMUM_CALLS_IN_FLIGHT = new PropertyDescriptor.Builder()
            .name("Maximum Calls in Flight")
            .description("How many requests each concurrent task keeps waiting for their answers at once. Tencent answers in 0.3 to 2 "
                    + "seconds, so one task sends up to this many calls per latency: the default of 40 keeps an account's default "
                    + "limit of 20 per second busy at 2 seconds per answer. The client service's rate limit still spaces every "
                    + "request; raise this only with the limit (limit x slowest answer in seconds).")
            .required(true)
            .defaultValue("40")
            .addValidator(StandardValidators.createLongValidator(1, 1000, true))
            .build();

    static final PropertyDescriptor MAXIMUM_BYTES_IN_FLIGHT = new PropertyDescriptor.Builder()
            .name("Maximum Bytes in Flight")
            .description("The most bytes of request bodies (images as Base64) each concurrent task holds in memory for its calls in "
                    + "flight: a call starts only while its task's calls hold less, so this much plus one request at most. A FlowFile's "
                    + "content is read only when its call starts and let go when its answer arrives.")
            .required(true)
            .defaultValue("64 MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    // waits are bounded so NiFi gets its thread back now and then; a call that ends or a stop wakes them at once
    private static final Duration ROOM_WAIT = CallGate.PERMIT_WAIT;
    // answers routed at once per task before no further call starts: see CallWindow
    private static final int ROUTING_PER_TASK = 2;
    // longer than the client service's default Call Timeout (90 s), which ends every call in flight before it
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    /** How a processor turns one FlowFile into a call. */
    @FunctionalInterface
    interface Preparation {
        /**
         * Reads the FlowFile and builds its request; a FlowFile that needs no call (refused, answered from a cache, put back)
         * is routed here, in the session, and null is returned.
         *
         * @param pass the gate's pass for this FlowFile's call: mark it billed, or retarget it, as the answer requires
         */
        Call prepare(ProcessContext context, ProcessSession session, TencentCloudClientService client, FlowFile flowFile, CallGate.Pass pass);
    }

    /** What to do with a call's outcome, in the FlowFile's session, on the thread that read the answer. */
    @FunctionalInterface
    interface Completion {
        /** @param failure null when Tencent answered; then response is the answer (an error answer too) */
        void complete(TencentApiResponse response, TencentApiException failure);
    }

    /** A prepared call: the request to send and what to do with its outcome. */
    record Call(TencentApiRequest request, Completion completion) {
    }

    private final CallGate gate;
    private volatile CallWindow window;
    private volatile ComponentLog log;

    CallsInFlight(final CallGate gate) {
        this.gate = gate;
    }

    /** A fresh window for this run, sized per concurrent task. */
    void schedule(final ProcessContext context, final ComponentLog logger) {
        log = logger;
        final int tasks = Math.max(1, context.getMaxConcurrentTasks());
        window = new CallWindow(context.getProperty(MAXIMUM_CALLS_IN_FLIGHT).asInteger() * tasks,
                context.getProperty(MAXIMUM_BYTES_IN_FLIGHT).asDataSize(DataUnit.B).longValue() * tasks, ROUTING_PER_TASK * tasks);
    }

    /** Starts at most one call: waits for room, passes the gate, takes a FlowFile, starts its call. */
    void trigger(final ProcessContext context, final ProcessSessionFactory sessionFactory, final TencentCloudClientService client,
                 final String actionBeforeFlowFile, final Preparation preparation) {
        final CallWindow current = window;
        if (!current.awaitRoom(ROOM_WAIT)) {
            return;
        }
        final CallGate.Pass pass = gate.enter(client, actionBeforeFlowFile);
        if (pass == null) {
            context.yield();
            return;
        }
        boolean started = false;
        final ProcessSession session = sessionFactory.createSession();
        try {
            final FlowFile flowFile = session.get();
            if (flowFile == null) {
                return;
            }
            final Call call = preparation.prepare(context, session, client, flowFile, pass);
            if (call == null) {
                session.commitAsync();
                return;
            }
            final CallWindow.Slot slot = current.open(call.request().payload().length);
            final CompletableFuture<TencentApiResponse> answer;
            try {
                answer = client.invokeAsync(call.request());
            } catch (final RuntimeException e) {
                slot.close();
                throw e;
            }
            started = true;
            answer.whenComplete((response, failure) -> complete(context, session, call, response, failure, pass, slot));
        } catch (final RuntimeException e) {
            session.rollback(true);
            throw e;
        } finally {
            if (!started) {
                pass.close();
            }
        }
    }

    private void complete(final ProcessContext context, final ProcessSession session, final Call call, final TencentApiResponse response,
                          final Throwable failure, final CallGate.Pass pass, final CallWindow.Slot slot) {
        slot.answered();
        try {
            if (failure != null && !(failure instanceof TencentApiException)) {
                throw new IllegalStateException("The call failed unexpectedly", failure);
            }
            call.completion().complete(response, (TencentApiException) failure);
            // NiFi's sessions commit from any thread, as ListenHTTP commits on its server's threads
            session.commitAsync();
        } catch (final RuntimeException e) {
            // as NiFi does with an exception out of onTrigger: the FlowFile goes back to its queue, penalized, and the processor yields
            log.error("Routing the answer to {} failed; its FlowFile goes back to the queue", call.request().action(), e);
            session.rollback(true);
            context.yield();
        } finally {
            pass.close();
            slot.close();
        }
    }

    /** No call starts any more: a task waiting for room returns at once. */
    void unschedule() {
        final CallWindow current = window;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Waits for the calls in flight to end and their FlowFiles to be routed: a request on the wire may be processed and
     * billed by Tencent, so its answer is kept rather than the FlowFile sent again later.
     */
    void stop() {
        final CallWindow current = window;
        if (current == null) {
            return;
        }
        current.close();
        final int left = current.awaitEmpty(STOP_WAIT);
        if (left > 0) {
            log.error("{} calls still in flight after {}; their FlowFiles are routed when their answers come", left, STOP_WAIT);
        }
    }

    /** The window of the current run, for tests. */
    CallWindow window() {
        return window;
    }
}
