package dev.nifiocr.records;

import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A shape whose records are structures of one kind found down the answer's lists (Lines, Key Values). */
abstract class NestedListShape implements ShapePlan {

    final NestedLists lists;
    /** The top-level fields that lead to the kind, with their element types. */
    final Map<String, String> types;
    private final RecordShape shape;
    private final RecordSchema schema;

    NestedListShape(final RecordShape shape, final RecordSchema schema, final NestedLists lists, final Map<String, String> types) {
        this.shape = shape;
        this.schema = schema;
        this.lists = lists;
        this.types = types;
    }

    @Override
    public RecordShape shape() {
        return shape;
    }

    @Override
    public RecordSchema schema() {
        return schema;
    }

    /** The top-level fields of the answer that lead to the lists' kind, with their element types; empty when none does. */
    static Map<String, String> leading(final List<Field> answer, final NestedLists lists) {
        final List<String> leading = lists.fields(answer);
        final Map<String, String> types = new LinkedHashMap<>();
        answer.stream().filter(field -> leading.contains(field.name())).forEach(field -> types.put(field.name(), field.elementType()));
        return types;
    }

    @Override
    public String source() {
        return String.join(", ", types.keySet().stream().map(name -> name + "[]").toList());
    }

    @Override
    public Set<String> reads() {
        return types.keySet();
    }
}
