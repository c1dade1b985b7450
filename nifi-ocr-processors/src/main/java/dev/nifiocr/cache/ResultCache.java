package dev.nifiocr.cache;

import org.apache.nifi.distributed.cache.client.Deserializer;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tencent answers kept in the user's {@link DistributedMapCacheClient} (NiFi's map cache, Redis, ...), keyed by
 * {@link CacheKey}. A cache that fails never costs a FlowFile: the lookup is a miss and the answer is not kept, with one
 * warning when the cache starts failing and one line when it works again, not one per FlowFile.
 */
public final class ResultCache {

    private static final Serializer<String> KEYS = (key, out) -> out.write(key.getBytes(StandardCharsets.UTF_8));
    private static final Serializer<byte[]> VALUES = (value, out) -> out.write(value);
    private static final Deserializer<byte[]> ANSWERS = bytes -> bytes == null || bytes.length == 0 ? null : bytes;

    private final DistributedMapCacheClient cache;
    private final long maximumAnswerBytes;
    private final ComponentLog log;
    private volatile boolean failing;

    /**
     * @param maximumAnswerBytes larger answers are not kept, so one dense page cannot fill the cache
     */
    public ResultCache(final DistributedMapCacheClient cache, final long maximumAnswerBytes, final ComponentLog log) {
        this.cache = cache;
        this.maximumAnswerBytes = maximumAnswerBytes;
        this.log = log;
    }

    /** The answer kept for the key; empty on a miss and when the cache cannot be read. */
    public Optional<byte[]> get(final String key) {
        try {
            final byte[] answer = cache.get(key, KEYS, ANSWERS);
            working();
            return Optional.ofNullable(answer);
        } catch (final IOException | RuntimeException e) {
            failed("read", e);
            return Optional.empty();
        }
    }

    /** Keeps the answer under the key, unless it is larger than the maximum; a failing cache only loses the entry. */
    public void put(final String key, final byte[] answer) {
        if (answer.length > maximumAnswerBytes) {
            return;
        }
        try {
            cache.put(key, answer, KEYS, VALUES);
            working();
        } catch (final IOException | RuntimeException e) {
            failed("write", e);
        }
    }

    private void working() {
        if (failing) {
            failing = false;
            log.info("Result cache works again");
        }
    }

    private void failed(final String operation, final Exception e) {
        if (!failing) {
            failing = true;
            log.warn("Result cache failed to {}; calling Tencent for every FlowFile until it works again", operation, e);
        }
    }
}
