package dev.nifiocr.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nifiocr.error.JsonErrors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a property value (always text) into the JSON type an Action declares for that parameter, so that
 * {@code IsPdf=true} is sent as a boolean, {@code PdfPageNumber=2} as a number, and IDCardOCR's {@code Config}
 * stays the JSON string Tencent expects. Types come from Tencent's API description (ocr-action-parameters.properties, for
 * the OCR Actions) and from {@link LkeapAction}.
 * A parameter the Action does not declare keeps the text that was typed: guessing its type from its look turned an ID
 * number such as 110101199003077777 into a JSON number. Typed values for such parameters go in Request Parameters' JSON.
 */
public final class ParameterTypes {

    /** The JSON types of API 3.0 request parameters. */
    public enum Type { STRING, BOOLEAN, INTEGER, NUMBER, ARRAY, OBJECT }

    private static final ObjectMapper OBJECT_MAPPER = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Map<String, Type> DECLARED = load();

    private ParameterTypes() {
    }

    private static Map<String, Type> load() {
        final Properties properties = new Properties();
        try (InputStream in = ParameterTypes.class.getResourceAsStream("ocr-action-parameters.properties")) {
            properties.load(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("Read ocr-action-parameters.properties failed", e);
        }
        final Map<String, Type> declared = new HashMap<>();
        properties.forEach((key, value) -> declared.put((String) key, Type.valueOf((String) value)));
        for (final LkeapAction action : LkeapAction.values()) {
            action.declaredParameters().forEach((parameter, type) -> declared.put(action.name() + "." + parameter, type));
        }
        return Map.copyOf(declared);
    }

    /** The declared type, or null when the Action or parameter is not in Tencent's description. */
    public static Type declared(final String action, final String parameter) {
        return DECLARED.get(action + "." + parameter);
    }

    /** The parameters Tencent's description declares for an Action, by name, with their types; empty for an unknown Action. */
    public static Map<String, Type> declaredParameters(final String action) {
        final String prefix = action + ".";
        final Map<String, Type> parameters = new TreeMap<>();
        DECLARED.forEach((key, type) -> {
            if (key.startsWith(prefix)) {
                parameters.put(key.substring(prefix.length()), type);
            }
        });
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * Converts a value to the parameter's declared type; the value of a parameter the Action does not declare stays
     * the text it is, whatever it looks like ("110101199003077777", "007", "true").
     *
     * @throws IllegalArgumentException when the value does not fit the declared type
     */
    public static JsonNode convert(final String action, final String parameter, final String value) {
        final Type type = declared(action, parameter);
        if (type == null) {
            return JsonNodeFactory.instance.textNode(value);
        }
        return switch (type) {
            case STRING -> JsonNodeFactory.instance.textNode(value);
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("Parameter [%s] of %s takes true or false".formatted(parameter, action));
                }
                yield BooleanNode.valueOf(Boolean.parseBoolean(value));
            }
            case INTEGER -> {
                if (!INTEGER.matcher(value.trim()).matches()) {
                    throw new IllegalArgumentException("Parameter [%s] of %s takes a whole number".formatted(parameter, action));
                }
                yield JsonNodeFactory.instance.numberNode(Long.parseLong(value.trim()));
            }
            case NUMBER -> {
                try {
                    yield JsonNodeFactory.instance.numberNode(new BigDecimal(value.trim()));
                } catch (final NumberFormatException e) {
                    throw new IllegalArgumentException("Parameter [%s] of %s takes a number".formatted(parameter, action));
                }
            }
            case ARRAY, OBJECT -> parseJson(action, parameter, value, type);
        };
    }

    private static JsonNode parseJson(final String action, final String parameter, final String value, final Type type) {
        try {
            final JsonNode node = OBJECT_MAPPER.readTree(value);
            if (type == Type.ARRAY ? node.isArray() : node.isObject()) {
                return node;
            }
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("Parameter [%s] of %s takes a JSON %s: %s"
                    .formatted(parameter, action, type.name().toLowerCase(), JsonErrors.describe(e)));
        }
        throw new IllegalArgumentException("Parameter [%s] of %s takes a JSON %s".formatted(parameter, action, type.name().toLowerCase()));
    }
}
