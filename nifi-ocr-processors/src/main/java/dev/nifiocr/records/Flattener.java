package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordFieldType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens a structure of the answer model into columns, the same for every answer of the Action: scalars keep their
 * type; lists of scalars become arrays; nested objects are flattened with their names joined (Polygon_LeftTop_X) up to
 * three levels; Name/Value lists become a map of strings (a repeated name keeps every value, one per line); lists of
 * texts (WaybillObj, Element) become one string, a line each; a choice (SingleInvoiceItem) contributes the fields of
 * whichever alternative is present, under their own names, and names that alternative in a ...Kind column. Other lists
 * of objects are left out: they are Items of their own.
 */
final class Flattener {

    private static final int DEPTH = 3;
    private static final DataType STRING = RecordFieldType.STRING.getDataType();
    private static final DataType STRING_MAP = RecordFieldType.MAP.getMapDataType(STRING);
    private static final Field NONE = new Field("", "");

    private final Structures structures;

    Flattener(final Structures structures) {
        this.structures = structures;
    }

    /** The columns of a structure's fields, skipping the names given (columns the caller adds itself). */
    List<Column> columns(final List<Field> fields, final List<String> skipped) {
        final Map<String, Column> columns = new LinkedHashMap<>();
        flatten(fields, "", new String[0], 0, columns);
        skipped.forEach(columns::remove);
        return List.copyOf(columns.values());
    }

    private void flatten(final List<Field> fields, final String prefix, final String[] path, final int depth, final Map<String, Column> columns) {
        for (final Field field : fields) {
            final String name = prefix + field.name();
            final String[] fieldPath = append(path, field.name());
            final String shown = String.join(".", fieldPath);
            if (field.isScalar()) {
                columns.putIfAbsent(name, new Column(name, Values.dataType(field.type()), object -> Values.scalar(at(object, fieldPath), field.type(), shown)));
            } else if (field.isScalarList()) {
                columns.putIfAbsent(name, new Column(name, RecordFieldType.ARRAY.getArrayDataType(Values.dataType(field.elementType())),
                        object -> scalars(at(object, fieldPath), field.elementType(), shown)));
            } else if (field.isList() && structures.isPair(field.elementType())) {
                columns.putIfAbsent(name, new Column(name, STRING_MAP, object -> Pairs.map(at(object, fieldPath))));
            } else if (field.isList() && structures.hasText(field.elementType())) {
                columns.putIfAbsent(name, new Column(name, STRING, object -> texts(at(object, fieldPath))));
            } else if (!field.isList() && structures.isChoice(field.type()) && depth < DEPTH) {
                choice(field, name, fieldPath, depth, columns);
            } else if (!field.isList() && structures.fields(field.type()) != null && depth < DEPTH) {
                flatten(structures.fields(field.type()), name + "_", fieldPath, depth + 1, columns);
            }
        }
    }

    /** The union of the alternatives' columns, read from the alternative present; a name used outside gets the choice's prefix. */
    private void choice(final Field field, final String name, final String[] fieldPath, final int depth, final Map<String, Column> columns) {
        final List<Field> alternatives = structures.fields(field.type());
        final Map<String, Column> union = new LinkedHashMap<>();
        for (final Field alternative : alternatives) {
            final Map<String, Column> own = new LinkedHashMap<>();
            flatten(structures.fields(alternative.type()), "", new String[0], depth + 1, own);
            own.forEach((column, definition) -> union.merge(column, definition,
                    (first, second) -> first.dataType().equals(second.dataType()) ? first
                            : new Column(column, STRING, object -> Values.scalar(object == null ? null : object.at("/" + column.replace("_", "/")), "string", column))));
        }
        final Column kind = new Column(name + "Kind", STRING, object -> {
            final String present = present(at(object, fieldPath), alternatives).name();
            return present.isEmpty() ? null : present;
        });
        columns.putIfAbsent(kind.name(), kind);
        union.forEach((column, definition) -> {
            final String unique = columns.containsKey(column) ? name + "_" + column : column;
            columns.putIfAbsent(unique, new Column(unique, definition.dataType(), object -> {
                final JsonNode chosen = at(object, fieldPath);
                final Field present = present(chosen, alternatives);
                return present.name().isEmpty() ? null : definition.read(chosen.get(present.name()));
            }));
        });
    }

    private static Field present(final JsonNode choice, final List<Field> alternatives) {
        if (choice != null) {
            for (final Field alternative : alternatives) {
                if (choice.path(alternative.name()).isObject()) {
                    return alternative;
                }
            }
        }
        return NONE;
    }

    private static Object[] scalars(final JsonNode list, final String type, final String path) throws MalformedRecordException {
        if (list == null || !list.isArray()) {
            return null;
        }
        final Object[] values = new Object[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Values.scalar(list.get(i), type, path + "[" + i + "]");
        }
        return values;
    }

    private static String texts(final JsonNode list) {
        if (list == null || !list.isArray()) {
            return null;
        }
        final List<String> texts = new ArrayList<>();
        list.forEach(element -> {
            final JsonNode text = element.has("Text") ? element.get("Text") : element.get("DetectedText");
            if (text != null && text.isTextual()) {
                texts.add(text.asText());
            }
        });
        return String.join("\n", texts);
    }

    static JsonNode at(final JsonNode object, final String[] path) {
        JsonNode node = object;
        for (final String name : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
        }
        return node;
    }

    private static String[] append(final String[] path, final String name) {
        final String[] longer = new String[path.length + 1];
        System.arraycopy(path, 0, longer, 0, path.length);
        longer[path.length] = name;
        return longer;
    }
}
