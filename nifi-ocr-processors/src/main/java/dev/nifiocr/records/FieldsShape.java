package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * Fields: one record per answer, its fields flattened (see {@link Flattener}), with RequestId and Page first. Every
 * Action has it. Lists of business objects, lines, cells and tables are left to the other shapes and skipped unread.
 */
final class FieldsShape implements ShapePlan {

    /** The fields of list elements that Fields reads: texts, and the keys and values of pairs (see Pairs). */
    private static final List<String> KEPT = List.of("Text", "DetectedText", "Name", "Value", "Content", "KeyName", "KeyValue", "Key",
            "AutoName", "ConfigName", "AutoContent");

    private final List<Column> columns;
    private final Set<String> reads;
    private final Set<String> lists;
    private final RecordSchema schema;

    private FieldsShape(final List<Column> columns, final Set<String> reads, final Set<String> lists) {
        this.columns = columns;
        this.reads = reads;
        this.lists = lists;
        this.schema = Schemas.of(List.of(Schemas.field("RequestId", Schemas.STRING), Schemas.field("Page", Schemas.LONG)), columns);
    }

    static Optional<ShapePlan> plan(final List<Field> answer, final Structures structures) {
        final List<Column> columns = new Flattener(structures).columns(answer, List.of("RequestId", "Page"));
        final Set<String> reads = new LinkedHashSet<>();
        final Set<String> lists = new LinkedHashSet<>();
        for (final Field field : answer) {
            final String prefix = field.name();
            if (columns.stream().anyMatch(column -> column.name().equals(prefix) || column.name().startsWith(prefix + "_")
                    || column.name().equals(prefix + "Kind"))) {
                reads.add(field.name());
                if (field.isList()) {
                    lists.add(field.name());
                }
            }
        }
        return Optional.of(new FieldsShape(columns, reads, lists));
    }

    @Override
    public RecordShape shape() {
        return RecordShape.FIELDS;
    }

    @Override
    public String source() {
        return "the answer";
    }

    @Override
    public RecordSchema schema() {
        return schema;
    }

    @Override
    public Set<String> reads() {
        return reads;
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * What Fields needs of an element of a list: its text (lists of texts) or its key and value (Name/Value lists), so a
     * long TextDetections costs its texts, not its polygons and words.
     */
    private static JsonNode kept(final JsonNode element) {
        final ObjectNode kept = JsonNodeFactory.instance.objectNode();
        for (final String name : KEPT) {
            if (element.has(name)) {
                kept.set(name, element.get(name).isObject() ? ((ObjectNode) element.get(name).deepCopy()).retain(KEPT) : element.get(name));
            }
        }
        return kept;
    }

    @Override
    public Reading open(final AnswerContext context) {
        return new Reading() {
            private final ObjectNode answer = JsonNodeFactory.instance.objectNode();

            @Override
            public void accept(final String field, final JsonNode value, final Queue<Map<String, Object>> records) {
                if (lists.contains(field)) {
                    answer.withArray(field).add(value.isObject() ? kept(value) : value);
                } else {
                    answer.set(field, value);
                }
            }

            @Override
            public void end(final Queue<Map<String, Object>> records) throws MalformedRecordException {
                final Map<String, Object> record = new LinkedHashMap<>();
                record.put("RequestId", context.requestId());
                record.put("Page", context.page());
                for (final Column column : columns) {
                    record.put(column.name(), column.read(answer));
                }
                records.add(record);
            }
        };
    }
}
