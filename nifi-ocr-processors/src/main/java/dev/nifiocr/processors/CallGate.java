package dev.nifiocr.processors;

import dev.nifiocr.service.api.TencentCloudClientService;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gate before every call to Tencent: one billable call reserved from the service's Daily Budgets (for calls Tencent
 * may bill) and one request permit from its rate limits, the Action's own where it has one, both taken before the
 * FlowFile so that FlowFiles wait in their queue, not in memory, and a spent budget leaves them queued. Each call takes
 * its own {@link Pass}, which gives the reserved call back when it closes unless the call turned out billable; passes are
 * independent and may be settled from any thread, so a task can hold one per call it keeps in flight.
 *
 * <p>Tencent bills an asynchronous job at submit ("计费发生在提交任务后") and documents no charge for reading it, so the
 * status processor's gate is {@link #permitOnly}: rate-limited, never budgeted.
 */
final class CallGate {

    // Long enough to space requests at any sensible rate, short enough that a stopped processor stops promptly.
    static final Duration PERMIT_WAIT = Duration.ofSeconds(1);

    private final boolean budgeted;
    private final Duration permitWait;

    private CallGate(final boolean budgeted, final Duration permitWait) {
        this.budgeted = budgeted;
        this.permitWait = permitWait;
    }

    /** A gate for calls Tencent may bill: budget and permit. */
    static CallGate billed() {
        return new CallGate(true, PERMIT_WAIT);
    }

    /** A gate for calls Tencent does not bill: permit only. */
    static CallGate permitOnly() {
        return new CallGate(false, PERMIT_WAIT);
    }

    /**
     * Takes a pass for one call, waiting for the permit at most the gate's wait.
     *
     * @param action the Action about to be called, or null when it is not known before the FlowFile (the service's
     *               shared limit and budgets apply)
     * @return the pass, or null when the budget is spent or no permit came in time: the caller yields
     */
    Pass enter(final TencentCloudClientService client, final String action) {
        return enter(client, action, permitWait);
    }

    /** As {@link #enter(TencentCloudClientService, String)}, waiting at most {@code maxWait}: zero for a further call in flight. */
    Pass enter(final TencentCloudClientService client, final String action, final Duration maxWait) {
        final Pass pass = new Pass(client, budgeted, maxWait);
        return pass.take(action) ? pass : null;
    }

    /** One call's way through the gate: its reserved budget call (if any) and its permit. */
    static final class Pass implements AutoCloseable {

        private final TencentCloudClientService client;
        private final boolean budgeted;
        private final Duration maxWait;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile String action;
        private volatile boolean billed;

        private Pass(final TencentCloudClientService client, final boolean budgeted, final Duration maxWait) {
            this.client = client;
            this.budgeted = budgeted;
            this.maxWait = maxWait;
        }

        private boolean take(final String forAction) {
            if (budgeted && !client.reserveBillableCall(forAction)) {
                return false;
            }
            if (!client.acquirePermit(forAction, maxWait)) {
                if (budgeted) {
                    client.releaseBillableCall(forAction);
                }
                return false;
            }
            action = forAction;
            return true;
        }

        /**
         * Makes the pass good for the Action the FlowFile named, when it was taken for another or for none: that Action's
         * budget and permit are taken too (the first reservation is given back).
         *
         * @return false when the Action's budget is spent or its permit did not come in time: the caller puts the FlowFile
         *         back and yields
         */
        boolean retarget(final String actualAction) {
            final String taken = action;
            if (Objects.equals(taken, actualAction)) {
                return true;
            }
            if (!take(actualAction)) {
                return false;
            }
            if (budgeted) {
                client.releaseBillableCall(taken);
            }
            return true;
        }

        /** The call went out and Tencent bills (or may bill) it: the reserved call stays spent. */
        void billed() {
            billed = true;
        }

        /** Gives the reserved call back unless the call was billed; once, however often it is called. */
        @Override
        public void close() {
            if (settled.compareAndSet(false, true) && budgeted && !billed) {
                client.releaseBillableCall(action);
            }
        }
    }
}
