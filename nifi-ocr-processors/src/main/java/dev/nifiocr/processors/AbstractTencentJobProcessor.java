package dev.nifiocr.processors;

import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.request.CallProperties;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.time.Duration;

/**
 * What the job processors share: take a rate-limit permit before a FlowFile (so no FlowFile waits in memory for one), and
 * route failed calls with InvokeTencentOCR's classification and its Retry / Failure Error Codes overrides.
 */
abstract class AbstractTencentJobProcessor extends AbstractProcessor {

    // Long enough to space requests at any sensible rate, short enough that a stopped processor stops promptly.
    private static final Duration PERMIT_WAIT = Duration.ofSeconds(1);

    private final Relationship retry;
    private final Relationship failure;
    private volatile ErrorRoute errorRoute;

    protected AbstractTencentJobProcessor(final Relationship retry, final Relationship failure) {
        this.retry = retry;
        this.failure = failure;
    }

    /** Handles one FlowFile, for which a request permit has been taken. */
    protected abstract void onTrigger(ProcessContext context, ProcessSession session, TencentCloudClientService client, FlowFile flowFile);

    @OnScheduled
    public void scheduleErrorRoute(final ProcessContext context) {
        errorRoute = new ErrorRoute(new ErrorClassifier(ErrorClassifier.parseCodes(context.getProperty(CallProperties.RETRY_ERROR_CODES).getValue()),
                ErrorClassifier.parseCodes(context.getProperty(CallProperties.FAILURE_ERROR_CODES).getValue())),
                getLogger(), retry, failure);
    }

    protected ErrorRoute errorRoute() {
        return errorRoute;
    }

    @Override
    public final void onTrigger(final ProcessContext context, final ProcessSession session) {
        final TencentCloudClientService client = context.getProperty(CallProperties.CLIENT_SERVICE).asControllerService(TencentCloudClientService.class);
        if (!client.acquirePermit(null, PERMIT_WAIT)) {
            context.yield();
            return;
        }
        final FlowFile flowFile = session.get();
        if (flowFile != null) {
            onTrigger(context, session, client, flowFile);
        }
    }
}
