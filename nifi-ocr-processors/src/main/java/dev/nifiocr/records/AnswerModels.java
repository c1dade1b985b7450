package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer model of every OCR Action: its fields and the structures they use, as Tencent's API description (from
 * which the official SDKs' response classes are generated) declares them. Generated into answer-models.json by
 * tools/generate_answer_models.py; AnswerModelsTest holds it to the SDK's classes and to every documented example.
 */
public final class AnswerModels {

    private static final AnswerModels SHARED = load();

    private final Map<String, List<Field>> actions;
    private final Map<String, List<Field>> structures;

    private AnswerModels(final Map<String, List<Field>> actions, final Map<String, List<Field>> structures) {
        this.actions = actions;
        this.structures = structures;
    }

    public static AnswerModels shared() {
        return SHARED;
    }

    /** The Actions with an answer model, in name order. */
    public Set<String> actions() {
        return actions.keySet();
    }

    /** The fields of the Action's answer (RequestId aside), or null for an Action without a model. */
    public List<Field> answer(final String action) {
        return actions.get(action);
    }

    /** The fields of a structure, or null when the name is a scalar type or unknown. */
    public List<Field> structure(final String name) {
        return structures.get(name);
    }

    /** One field: its name and type, a scalar (string, int, float, bool), a structure's name, or [type] for a list. */
    public record Field(String name, String type) {

        public boolean isList() {
            return type.startsWith("[");
        }

        /** The type of the list's elements, or the type itself. */
        public String elementType() {
            return isList() ? type.substring(1, type.length() - 1) : type;
        }

        public boolean isScalar() {
            return !isList() && isScalarType(type);
        }

        public boolean isScalarList() {
            return isList() && isScalarType(elementType());
        }
    }

    static boolean isScalarType(final String type) {
        return switch (type) {
            case "string", "int", "float", "bool" -> true;
            default -> false;
        };
    }

    /** The field of this name in a structure's fields, or null. */
    static Field field(final List<Field> fields, final String name) {
        if (fields != null) {
            for (final Field field : fields) {
                if (field.name().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    private static AnswerModels load() {
        try (InputStream in = AnswerModels.class.getResourceAsStream("answer-models.json")) {
            final JsonNode root = new ObjectMapper().readTree(in);
            return new AnswerModels(fields(root.get("actions")), fields(root.get("structures")));
        } catch (final IOException e) {
            throw new UncheckedIOException("answer-models.json is missing from the bundle", e);
        }
    }

    private static Map<String, List<Field>> fields(final JsonNode node) {
        final Map<String, List<Field>> byName = new LinkedHashMap<>();
        node.properties().forEach(entry -> {
            final List<Field> fields = new ArrayList<>();
            entry.getValue().forEach(field -> fields.add(new Field(field.get(0).asText(), field.get(1).asText())));
            byName.put(entry.getKey(), List.copyOf(fields));
        });
        return Collections.unmodifiableMap(byName);
    }
}
