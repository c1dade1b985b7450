package dev.nifiocr.processors;

import dev.nifiocr.request.CallProperties;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.annotation.lifecycle.OnUnscheduled;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractSessionFactoryProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;

/**
 * What the job processors share with InvokeTencentOCR: the {@link CallGate} before the FlowFile (so no FlowFile waits in
 * memory for a permit, and a spent budget leaves FlowFiles queued), the window of {@link CallsInFlight} (so one task keeps
 * the Action's limit busy while Tencent answers), the counters of the {@link CallLedger}, and the {@link FailureRoute} with
 * the Retry / Failure Error Codes overrides.
 */
abstract class AbstractTencentJobProcessor extends AbstractSessionFactoryProcessor implements VerifiableProcessor {

    private final CallsInFlight calls;
    private final Relationship retry;
    private final Relationship failure;
    private volatile CallLedger ledger;

    protected AbstractTencentJobProcessor(final CallGate gate, final Relationship retry, final Relationship failure) {
        this.calls = new CallsInFlight(gate);
        this.retry = retry;
        this.failure = failure;
    }

    /** The Action whose budget and permit are taken before the FlowFile, or null when only the FlowFile names it. */
    protected abstract String actionBeforeFlowFile(ProcessContext context);

    /**
     * Builds one FlowFile's call, with the gate's pass for it; a FlowFile that needs no call (refused, put back) is routed
     * here and null returned. The call's completion routes the FlowFile on the thread that read the answer.
     */
    protected abstract CallsInFlight.Call prepare(ProcessContext context, ProcessSession session, TencentCloudClientService client, FlowFile flowFile,
                                                  CallGate.Pass pass);

    @OnScheduled
    public void scheduleCalls(final ProcessContext context) {
        ledger = new CallLedger(FailureRoute.withOverrides(context, getLogger(), retry, failure));
        calls.schedule(context, getLogger());
    }

    @OnUnscheduled
    public void unscheduleCalls() {
        calls.unschedule();
    }

    /** Waits for the calls in flight: their answers are routed and committed before the processor counts as stopped. */
    @OnStopped
    public void stopCalls() {
        calls.stop();
    }

    protected CallLedger ledger() {
        return ledger;
    }

    CallsInFlight calls() {
        return calls;
    }

    @Override
    public final void onTrigger(final ProcessContext context, final ProcessSessionFactory sessionFactory) {
        final TencentCloudClientService client = context.getProperty(CallProperties.CLIENT_SERVICE).asControllerService(TencentCloudClientService.class);
        calls.trigger(context, sessionFactory, client, actionBeforeFlowFile(context), this::prepare);
    }
}
