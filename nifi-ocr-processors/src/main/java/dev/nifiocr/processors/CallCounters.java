package dev.nifiocr.processors;

import dev.nifiocr.cost.Billing;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiResponse;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;

import java.util.List;

/**
 * The counters of the processors that call Tencent (InvokeTencentOCR, SubmitTencentOCRJob, GetTencentOCRJobStatus), per
 * Action, the NiFi view of the console's usage report; {@link #VOCABULARY} lists them, and the processors' additional
 * details show that list (CounterDocsTest writes and checks the table). They add up: each FlowFile taken counts once in
 * Requests Sent, Refused Locally or Not Sent; each request sent counts once in Answers Succeeded, No Result, Retried or
 * Failed. Beside them, Error &lt;code&gt; counts every error code a FlowFile was given, in every component. Names stay
 * short (at most {@link #MAX_NAME_LENGTH} characters for every listed Action) so NiFi's counter table shows them whole.
 */
final class CallCounters {

    /** Every request that reached the wire, whatever came back: Tencent may have processed and billed it. */
    static final String REQUESTS_SENT = "Requests Sent";
    static final String SUCCEEDED = "Answers Succeeded";
    static final String NO_RESULT = "Answers No Result";
    static final String RETRIED = "Answers Retried";
    static final String FAILED = "Answers Failed";
    /** FlowFiles this bundle refused before building a request: bad input or property values. */
    static final String REFUSED_LOCALLY = "Refused Locally";
    /** FlowFiles whose request never reached the wire: no credentials, connection refused, interrupted. */
    static final String NOT_SENT = "Not Sent";
    static final String ERROR_PREFIX = "Error ";
    /** Calls Tencent bills, or may bill where its rules say nothing (per Action). */
    static final String BILLABLE_CALLS = "Billable Calls";
    /** Result Cache lookups (across Actions): a hit is answered from the cache, neither sent nor billed. */
    static final String CACHE_HITS = "Cache Hits";
    static final String CACHE_MISSES = "Cache Misses";
    static final String JOBS_SUBMITTED = "Jobs Submitted";
    /** Jobs found waiting or running, once per job however often it is polled. */
    static final String JOBS_RUNNING = "Jobs Running";
    static final String JOBS_DONE = "Jobs Done";
    static final String JOBS_FAILED = "Jobs Failed";
    static final int MAX_NAME_LENGTH = 48;

    private static final String INVOKE = "InvokeTencentOCR";
    private static final String SUBMIT = "SubmitTencentOCRJob";
    private static final String STATUS = "GetTencentOCRJobStatus";
    /** The processors that call Tencent, as the counter table names them. */
    static final String ALL_THREE = INVOKE + ", " + SUBMIT + ", " + STATUS;

    /**
     * One counter of the vocabulary.
     *
     * @param name the name, after the Action's where {@code perAction}
     * @param counts what it counts
     * @param writtenBy the components that count it
     */
    record Counter(String name, boolean perAction, String counts, String writtenBy) {
    }

    static final List<Counter> VOCABULARY = List.of(
            new Counter(REQUESTS_SENT, true, "Every request that reached the wire, whatever came back (a timed-out call may have been billed); "
                    + "each with a SEND provenance event from InvokeTencentOCR and SubmitTencentOCRJob", ALL_THREE),
            new Counter(BILLABLE_CALLS, true, "Calls Tencent bills, or may bill where its rules say nothing; jobs are billed at submit", INVOKE + ", " + SUBMIT),
            new Counter(SUCCEEDED, true, "Sent requests answered with a result: an answer, a job id, a job's state", ALL_THREE),
            new Counter(NO_RESULT, true, "Sent requests answered \"no text\" or \"no such document\" (to `success`)", INVOKE),
            new Counter(RETRIED, true, "Sent requests routed to `retry`: throttled, passing faults, timeouts after sending", ALL_THREE),
            new Counter(FAILED, true, "Sent requests routed to `failure`, undecryptable paid answers and failed jobs included", ALL_THREE),
            new Counter(REFUSED_LOCALLY, true, "FlowFiles refused before a request was built (bad input, a failing property, a job past "
                    + "Maximum Job Duration): never sent nor billed", ALL_THREE),
            new Counter(NOT_SENT, true, "FlowFiles whose request never left: no usable credentials, connection refused", ALL_THREE),
            new Counter(JOBS_SUBMITTED, true, "Jobs created (one submit of SubmitMarkEssayAgentJob may create several)", SUBMIT),
            new Counter(JOBS_RUNNING, true, "Jobs found waiting or running, once per job however often it is polled", STATUS),
            new Counter(JOBS_DONE, true, "Jobs finished, their result written", STATUS),
            new Counter(JOBS_FAILED, true, "Jobs that report they failed (their own ErrorCode)", STATUS),
            new Counter(ERROR_PREFIX + "<code>", false, "Each error code given to a FlowFile, e.g. `Error RequestLimitExceeded`", "every component"),
            new Counter(CACHE_HITS, false, "Result Cache lookups answered from the cache: neither sent nor billed", INVOKE),
            new Counter(CACHE_MISSES, false, "Result Cache lookups that found nothing: the request was sent", INVOKE));

    private CallCounters() {
    }

    static String name(final String actionName, final String counter) {
        return actionName + " " + counter;
    }

    static void count(final ProcessSession session, final String actionName, final String counter) {
        session.adjustCounter(name(actionName, counter), 1, false);
    }

    /** Counts a sent request among the Answers by where its FlowFile went. */
    static void answered(final ProcessSession session, final String actionName, final Outcome outcome) {
        count(session, actionName, switch (outcome) {
            case SUCCESS -> SUCCEEDED;
            case RETRY -> RETRIED;
            case FAILURE -> FAILED;
        });
    }

    /**
     * Marks whether Tencent bills a call, from its outcome (the answer, or the failure of a call that may have reached
     * Tencent): on the FlowFile, in the counters, and on the gate's pass, whose reserved call of the Daily Budget then
     * stays spent.
     *
     * @param failure null when Tencent answered; then response is the answer
     */
    static FlowFile billable(final ProcessSession session, final FlowFile flowFile, final String actionName, final CallGate.Pass pass,
                             final TencentApiResponse response, final TencentApiException failure) {
        final boolean billable = failure == null ? Billing.isBillable(response.successful(), response.errorCode())
                : failure.isRequestSent() && Billing.isBillable(false, failure.getErrorCode());
        if (billable) {
            pass.billed();
            count(session, actionName, BILLABLE_CALLS);
        }
        return session.putAttribute(flowFile, OcrAttributes.BILLABLE, Boolean.toString(billable));
    }
}
