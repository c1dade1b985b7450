package dev.nifiocr.cache;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.distributed.cache.client.Deserializer;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A map cache client over a map in memory, with a switch that makes every operation fail as a cache that is down does. */
public class InMemoryMapCache extends AbstractControllerService implements DistributedMapCacheClient {

    private final Map<ByteBuffer, byte[]> entries = new ConcurrentHashMap<>();
    private volatile boolean down;

    public void setDown(final boolean down) {
        this.down = down;
    }

    public int size() {
        return entries.size();
    }

    private <T> ByteBuffer key(final T key, final Serializer<T> serializer) throws IOException {
        if (down) {
            throw new IOException("Connection refused (test cache is down)");
        }
        return ByteBuffer.wrap(bytes(key, serializer));
    }

    private static <T> byte[] bytes(final T value, final Serializer<T> serializer) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.serialize(value, out);
        return out.toByteArray();
    }

    @Override
    public <K, V> boolean putIfAbsent(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer) throws IOException {
        return entries.putIfAbsent(key(key, keySerializer), bytes(value, valueSerializer)) == null;
    }

    @Override
    public <K, V> V getAndPutIfAbsent(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer,
                                      final Deserializer<V> valueDeserializer) throws IOException {
        final byte[] previous = entries.putIfAbsent(key(key, keySerializer), bytes(value, valueSerializer));
        return previous == null ? null : valueDeserializer.deserialize(previous);
    }

    @Override
    public <K> boolean containsKey(final K key, final Serializer<K> keySerializer) throws IOException {
        return entries.containsKey(key(key, keySerializer));
    }

    @Override
    public <K, V> void put(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer) throws IOException {
        entries.put(key(key, keySerializer), bytes(value, valueSerializer));
    }

    @Override
    public <K, V> V get(final K key, final Serializer<K> keySerializer, final Deserializer<V> valueDeserializer) throws IOException {
        final byte[] value = entries.get(key(key, keySerializer));
        return value == null ? null : valueDeserializer.deserialize(value);
    }

    @Override
    public void close() {
    }

    @Override
    public <K> boolean remove(final K key, final Serializer<K> serializer) throws IOException {
        return entries.remove(key(key, serializer)) != null;
    }
}
