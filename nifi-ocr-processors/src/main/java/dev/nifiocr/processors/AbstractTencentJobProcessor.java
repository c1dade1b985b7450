package dev.nifiocr.processors;

import dev.nifiocr.request.CallProperties;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;

/**
 * What the job processors share with InvokeTencentOCR: the {@link CallGate} before the FlowFile (so no FlowFile waits in
 * memory for a permit, and a spent budget leaves FlowFiles queued), the counters of the {@link CallLedger}, and the
 * {@link FailureRoute} with the Retry / Failure Error Codes overrides.
 */
abstract class AbstractTencentJobProcessor extends AbstractProcessor implements VerifiableProcessor {

    private final CallGate gate;
    private final Relationship retry;
    private final Relationship failure;
    private volatile CallLedger ledger;

    protected AbstractTencentJobProcessor(final CallGate gate, final Relationship retry, final Relationship failure) {
        this.gate = gate;
        this.retry = retry;
        this.failure = failure;
    }

    /** The Action whose budget and permit are taken before the FlowFile, or null when only the FlowFile names it. */
    protected abstract String actionBeforeFlowFile(ProcessContext context);

    /** Handles one FlowFile, with the gate's pass for its call. */
    protected abstract void onTrigger(ProcessContext context, ProcessSession session, TencentCloudClientService client, FlowFile flowFile,
                                      CallGate.Pass pass);

    @OnScheduled
    public void scheduleLedger(final ProcessContext context) {
        ledger = new CallLedger(FailureRoute.withOverrides(context, getLogger(), retry, failure));
    }

    protected CallLedger ledger() {
        return ledger;
    }

    @Override
    public final void onTrigger(final ProcessContext context, final ProcessSession session) {
        final TencentCloudClientService client = context.getProperty(CallProperties.CLIENT_SERVICE).asControllerService(TencentCloudClientService.class);
        final CallGate.Pass pass = gate.enter(client, actionBeforeFlowFile(context));
        if (pass == null) {
            context.yield();
            return;
        }
        try (pass) {
            final FlowFile flowFile = session.get();
            if (flowFile != null) {
                onTrigger(context, session, client, flowFile, pass);
            }
        }
    }
}
