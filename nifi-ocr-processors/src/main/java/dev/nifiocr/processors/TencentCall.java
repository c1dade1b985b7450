package dev.nifiocr.processors;

import dev.nifiocr.cache.CacheKey;
import dev.nifiocr.cache.ResultCache;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

/**
 * One built request of InvokeTencentOCR on its way: answered from the Result Cache when the same request was answered
 * before, otherwise sent; its outcome marked billable or not, routed by {@link CallRouter}, and a successful answer kept
 * for next time.
 */
final class TencentCall {

    private final CallRouter router;
    private final ResultCache resultCache;

    /** @param resultCache the cache, or null for none */
    TencentCall(final CallRouter router, final ResultCache resultCache) {
        this.router = router;
        this.resultCache = resultCache;
    }

    /**
     * @param pass marked billed when Tencent bills (or may bill) what happened ({@link CallCounters#billable})
     * @return the call to send, or null when the cache answered and the FlowFile is routed
     */
    CallsInFlight.Call prepare(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client, final FlowFile input,
                               final String actionName, final TencentApiRequest request, final CallGate.Pass pass) {
        final FlowFile flowFile;
        // encrypted requests and answers are never cached
        final ResultCache cache = input.getAttribute(OcrAttributes.ENCRYPTION_SESSION) == null ? resultCache : null;
        final String cacheKey = cache == null ? null : CacheKey.of(actionName, client.getRegion(), request.version(), request.payload()).orElse(null);
        if (cacheKey != null) {
            final byte[] cached = cache.get(cacheKey).orElse(null);
            session.adjustCounter(cached == null ? CallCounters.CACHE_MISSES : CallCounters.CACHE_HITS, 1, false);
            if (cached != null) {
                router.cached(session, input, cached);
                return null;
            }
            flowFile = session.putAttribute(input, OcrAttributes.CACHE_HIT, "false");
        } else {
            flowFile = input;
        }
        final long started = System.nanoTime();
        return new CallsInFlight.Call(request, (response, failure) -> {
            final FlowFile marked = CallCounters.billable(session, flowFile, actionName, pass, response, failure);
            if (failure != null) {
                router.unanswered(context, session, marked, client, actionName, failure, started);
                return;
            }
            router.answered(context, session, marked, client, actionName, response);
            if (cacheKey != null && response.successful()) {
                cache.put(cacheKey, response.body());
            }
        });
    }
}
