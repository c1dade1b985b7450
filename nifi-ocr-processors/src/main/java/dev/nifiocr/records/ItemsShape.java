package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * Items: one record per entry of the answer's first list of business objects (not lines, cells, tables or pairs) that
 * has columns of its own (StructuralList's groups have none: they are Key Values):
 * each invoice of MixedInvoiceItems, each line item of VatInvoiceOCR's Items, each code of QrcodeOCR. An exam page
 * (QuestionInfo) is not the item its Actions are about: its questions (ResultList) are. Columns: Page, Item, then the
 * entry flattened (see {@link Flattener}); Page is the FlowFile's page, else the entry's own Page.
 */
final class ItemsShape implements ShapePlan {

    /** Entries whose items are one list inside them. */
    private static final Map<String, String> ITEMS_INSIDE = Map.of("QuestionInfo", "ResultList");

    private final String field;
    private final String inner;
    private final List<Column> columns;
    private final RecordSchema schema;

    private ItemsShape(final String field, final String inner, final List<Column> columns) {
        this.field = field;
        this.inner = inner;
        this.columns = columns;
        this.schema = Schemas.of(List.of(Schemas.field("Page", Schemas.LONG), Schemas.field("Item", Schemas.LONG)), columns);
    }

    static Optional<ShapePlan> plan(final List<Field> answer, final Structures structures) {
        for (final Field field : answer) {
            if (field.isList() && structures.isPlainObject(field.elementType())) {
                final String inner = ITEMS_INSIDE.get(field.elementType());
                final String type = inner == null ? field.elementType() : AnswerModels.field(structures.fields(field.elementType()), inner).elementType();
                final List<Column> columns = new Flattener(structures).columns(structures.fields(type), List.of("Page", "Item"));
                if (!columns.isEmpty()) {
                    return Optional.of(new ItemsShape(field.name(), inner, columns));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public RecordShape shape() {
        return RecordShape.ITEMS;
    }

    @Override
    public String source() {
        return field + "[]" + (inner == null ? "" : "." + inner + "[]");
    }

    @Override
    public RecordSchema schema() {
        return schema;
    }

    @Override
    public Set<String> reads() {
        return Set.of(field);
    }

    List<Column> columns() {
        return columns;
    }

    @Override
    public Reading open(final AnswerContext context) {
        return new Reading() {
            private long item;

            @Override
            public void accept(final String name, final JsonNode value, final Queue<Map<String, Object>> records) throws MalformedRecordException {
                if (inner == null) {
                    records.add(record(value));
                } else {
                    for (final JsonNode entry : value.path(inner)) {
                        records.add(record(entry));
                    }
                }
            }

            private Map<String, Object> record(final JsonNode entry) throws MalformedRecordException {
                final Map<String, Object> record = new LinkedHashMap<>();
                record.put("Page", context.page() != null ? context.page() : Values.integer(entry.get("Page"), field + ".Page"));
                record.put("Item", ++item);
                try {
                    for (final Column column : columns) {
                        record.put(column.name(), column.read(entry));
                    }
                } catch (final MalformedRecordException e) {
                    throw new MalformedRecordException(source().replace("[]", "").replace(".", "[].") + "[" + (item - 1) + "]." + e.getMessage());
                }
                return record;
            }
        };
    }
}
