package dev.nifiocr.processors;

import org.apache.nifi.processor.ProcessSession;

/**
 * InvokeTencentOCR's counters, per Action, the NiFi view of the console's usage report. They add up: each FlowFile
 * taken counts once in Requests Sent, Refused Locally or Not Sent; each request sent counts once in Answers Succeeded,
 * No Result, Retried or Failed. Beside them, Error &lt;code&gt; counts every error code. Names stay short (at most
 * {@link #MAX_NAME_LENGTH} characters for every listed Action) so NiFi's counter table shows them whole.
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
    static final int MAX_NAME_LENGTH = 48;

    private CallCounters() {
    }

    static String name(final String actionName, final String counter) {
        return actionName + " " + counter;
    }

    static void count(final ProcessSession session, final String actionName, final String counter) {
        session.adjustCounter(name(actionName, counter), 1, false);
    }

    static void countError(final ProcessSession session, final String errorCode) {
        session.adjustCounter(ERROR_PREFIX + errorCode, 1, false);
    }
}
