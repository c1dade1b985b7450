package dev.nifiocr.processors;

import dev.nifiocr.cache.CacheKey;
import dev.nifiocr.cache.ResultCache;
import dev.nifiocr.cost.Billing;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

/**
 * One built request of InvokeTencentOCR on its way: answered from the Result Cache when the same request was answered
 * before, otherwise sent, marked billable or not, routed by {@link CallRouter}, and a successful answer kept for next time.
 */
final class TencentCall {

    private final CallRouter router;
    private final ResultCache resultCache;

    /** @param resultCache the cache, or null for none */
    TencentCall(final CallRouter router, final ResultCache resultCache) {
        this.router = router;
        this.resultCache = resultCache;
    }

    /** @return whether Tencent bills (or may bill) what happened */
    boolean send(final ProcessContext context, final ProcessSession session, final TencentCloudClientService client, final FlowFile input,
                 final String actionName, final TencentApiRequest request) {
        FlowFile flowFile = input;
        // encrypted requests and answers are never cached
        final ResultCache cache = flowFile.getAttribute(OcrAttributes.ENCRYPTION_SESSION) == null ? resultCache : null;
        final String cacheKey = cache == null ? null : CacheKey.of(actionName, client.getRegion(), request.version(), request.payload()).orElse(null);
        if (cacheKey != null) {
            final byte[] cached = cache.get(cacheKey).orElse(null);
            session.adjustCounter(cached == null ? CallCounters.CACHE_MISSES : CallCounters.CACHE_HITS, 1, false);
            if (cached != null) {
                router.cached(session, flowFile, cached);
                return false;
            }
            flowFile = session.putAttribute(flowFile, OcrAttributes.CACHE_HIT, "false");
        }
        final long started = System.nanoTime();
        try {
            final TencentApiResponse response = client.invoke(request);
            final boolean billable = Billing.isBillable(response.successful(), response.errorCode());
            router.answered(context, session, CallCounters.billable(session, flowFile, actionName, billable), client, actionName, response);
            if (cacheKey != null && response.successful()) {
                cache.put(cacheKey, response.body());
            }
            return billable;
        } catch (final TencentApiException e) {
            final boolean billable = e.isRequestSent() && Billing.isBillable(false, e.getErrorCode());
            router.unanswered(context, session, CallCounters.billable(session, flowFile, actionName, billable), client, actionName, e, started);
            return billable;
        }
    }
}
