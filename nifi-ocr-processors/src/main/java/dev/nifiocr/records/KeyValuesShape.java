package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * Key Values: one record per key/value pair, wherever the answer lists them: SmartStructuralOCR's StructuralItems,
 * ExtractDoc*'s StructuralList[].Groups[].Lines[], VatInvoiceOCR's VatInvoiceInfos and the other Name/Value lists.
 * Group is the position of the outermost entry when the pairs lie deeper (a group of ExtractDoc*, an invoice of
 * MixedInvoiceOCR); Row is the pair's own Row, else the position of the list holding it inside its group.
 */
final class KeyValuesShape extends NestedListShape {

    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            Schemas.field("Page", Schemas.LONG), Schemas.field("List", Schemas.STRING), Schemas.field("Group", Schemas.LONG),
            Schemas.field("Row", Schemas.LONG), Schemas.field("Key", Schemas.STRING), Schemas.field("Value", Schemas.STRING),
            Schemas.field("Confidence", Schemas.DOUBLE)));

    private KeyValuesShape(final NestedLists lists, final Map<String, String> types) {
        super(RecordShape.KEY_VALUES, SCHEMA, lists, types);
    }

    static Optional<ShapePlan> plan(final List<Field> answer, final Structures structures) {
        final NestedLists lists = new NestedLists(structures, structures::isPair);
        final Map<String, String> types = leading(answer, lists);
        return types.isEmpty() ? Optional.empty() : Optional.of(new KeyValuesShape(lists, types));
    }

    /** Whether the pairs are the answer's structure (key/value extraction) rather than a list beside other fields. */
    boolean structural() {
        return types.keySet().stream().anyMatch(name -> name.startsWith("Structural"));
    }

    @Override
    public Reading open(final AnswerContext context) {
        return new Reading() {
            private int index;
            private String list;

            @Override
            public void accept(final String field, final JsonNode value, final Queue<Map<String, Object>> records) throws MalformedRecordException {
                index = field.equals(list) ? index + 1 : 0;
                list = field;
                lists.walk(value, types.get(field), new int[] {index}, (pair, type, indexes) -> {
                    final Map<String, Object> record = new LinkedHashMap<>();
                    record.put("Page", context.page());
                    record.put("List", field);
                    record.put("Group", indexes.length > 1 ? (Long) (long) (indexes[0] + 1) : null);
                    final Long row = Values.integer(pair.get("Row"), field + ".Row");
                    record.put("Row", row != null ? row : indexes.length > 2 ? (Long) (long) (indexes[indexes.length - 2] + 1) : null);
                    record.put("Key", Pairs.key(pair));
                    record.put("Value", Pairs.value(pair));
                    record.put("Confidence", Values.decimal(pair.get("Confidence"), field + ".Confidence"));
                    records.add(record);
                });
            }
        };
    }
}
