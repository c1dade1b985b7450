package dev.nifiocr.cache;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.processor.util.StandardValidators;

/** The properties that give a processor a {@link ResultCache}. */
public final class CacheProperties {

    public static final PropertyDescriptor RESULT_CACHE = new PropertyDescriptor.Builder()
            .name("Result Cache")
            .description("A map cache (NiFi's map cache, Redis, ...) that keeps Tencent's successful answers, keyed by a SHA-256 of "
                    + "the Action, region, API version, parameters and image (or URL): the same request again gets the kept answer "
                    + "with tencent.ocr.cache.hit = true and costs no call. Encrypted requests are never cached. A cache that fails "
                    + "means calling Tencent, with one warning.")
            .required(false)
            .identifiesControllerService(DistributedMapCacheClient.class)
            .build();

    public static final PropertyDescriptor MAXIMUM_CACHED_ANSWER_SIZE = new PropertyDescriptor.Builder()
            .name("Maximum Cached Answer Size")
            .description("Larger answers are not kept in the Result Cache.")
            .required(true)
            .defaultValue("1 MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .dependsOn(RESULT_CACHE)
            .build();

    private CacheProperties() {
    }
}
