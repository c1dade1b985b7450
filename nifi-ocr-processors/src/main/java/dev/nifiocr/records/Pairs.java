package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Key and value of the three pair structures Tencent uses (see {@link Structures#isPair}). */
final class Pairs {

    private Pairs() {
    }

    /** The key: Name, KeyName, or the Key's ConfigName (the name asked for) falling back to its AutoName. */
    static String key(final JsonNode pair) {
        if (pair.path("Name").isTextual()) {
            return pair.get("Name").asText();
        }
        if (pair.path("KeyName").isTextual()) {
            return pair.get("KeyName").asText();
        }
        final JsonNode key = pair.path("Key");
        final String configured = key.path("ConfigName").asText("");
        return configured.isEmpty() ? key.path("AutoName").asText(null) : configured;
    }

    /** The value: Value, Content, KeyValue, or the Value's AutoContent. */
    static String value(final JsonNode pair) {
        for (final String name : new String[] {"Value", "Content", "KeyValue"}) {
            if (pair.path(name).isValueNode() && !pair.path(name).isNull()) {
                return pair.get(name).asText();
            }
        }
        final JsonNode value = pair.path("Value").path("AutoContent");
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A Name/Value list as a map; a name that comes again (one per invoice line) keeps every value, one per line. */
    static Map<String, Object> map(final JsonNode list) {
        if (list == null || !list.isArray()) {
            return null;
        }
        final Map<String, Object> map = new LinkedHashMap<>();
        list.forEach(pair -> {
            final String key = key(pair);
            if (key != null) {
                final String value = value(pair);
                map.merge(key, value == null ? "" : value, (first, next) -> first + "\n" + next);
            }
        });
        return map;
    }
}
