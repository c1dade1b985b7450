package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * Table Cells and Table Rows, from a list of tables (TableDetections[].Cells[] of RecognizeTableOCR and
 * RecognizeTableAccurateOCR) or a list of cells (TextDetections[] of TableOCR, one table). Cell positions are Tencent's:
 * RowTl/ColTl the first row and column from 0, RowBr/ColBr one past the last; text outside the grid (Type header or
 * footer, positions -1) is a cell of Table Cells but no part of Table Rows.
 */
final class TableShapes implements ShapePlan {

    static final RecordSchema CELLS = new SimpleRecordSchema(List.of(
            Schemas.field("Page", Schemas.LONG), Schemas.field("Table", Schemas.LONG), Schemas.field("Row", Schemas.LONG),
            Schemas.field("Column", Schemas.LONG), Schemas.field("RowSpan", Schemas.LONG), Schemas.field("ColumnSpan", Schemas.LONG),
            Schemas.field("Text", Schemas.STRING), Schemas.field("Type", Schemas.STRING), Schemas.field("Confidence", Schemas.DOUBLE)));
    /** Rows or columns a grid may have; Tencent's tables are far smaller, so more is a malformed answer, not a reason to run out of heap. */
    private static final int MAX_GRID_SIDE = 10_000;

    private final RecordShape shape;
    private final Map<String, Boolean> fieldsHoldTables;

    private TableShapes(final RecordShape shape, final Map<String, Boolean> fieldsHoldTables) {
        this.shape = shape;
        this.fieldsHoldTables = fieldsHoldTables;
    }

    static Optional<ShapePlan> plan(final RecordShape shape, final List<Field> answer, final Structures structures) {
        final Map<String, Boolean> fields = new LinkedHashMap<>();
        for (final Field field : answer) {
            if (field.isList() && structures.isTable(field.elementType())) {
                fields.put(field.name(), true);
            } else if (field.isList() && structures.isCell(field.elementType())) {
                fields.put(field.name(), false);
            }
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new TableShapes(shape, fields));
    }

    @Override
    public RecordShape shape() {
        return shape;
    }

    @Override
    public String source() {
        return String.join(", ", fieldsHoldTables.entrySet().stream().map(entry -> entry.getKey() + (entry.getValue() ? "[].Cells[]" : "[]")).toList());
    }

    @Override
    public RecordSchema schema() {
        return shape == RecordShape.TABLE_CELLS ? CELLS : null;
    }

    @Override
    public Set<String> reads() {
        return fieldsHoldTables.keySet();
    }

    @Override
    public Reading open(final AnswerContext context) {
        return shape == RecordShape.TABLE_CELLS ? new CellReading(context) : new RowReading(context);
    }

    /** Calls back with each cell and its table's number: a table element is one table, a list of cells is table 1. */
    private abstract class TableReading implements Reading {
        final AnswerContext context;
        private int tables;

        TableReading(final AnswerContext context) {
            this.context = context;
        }

        @Override
        public void accept(final String field, final JsonNode value, final Queue<Map<String, Object>> records) throws MalformedRecordException {
            if (fieldsHoldTables.get(field)) {
                tables++;
                final JsonNode cells = value.path("Cells");
                final List<JsonNode> all = new ArrayList<>();
                cells.forEach(all::add);
                table(tables, all, records);
            } else {
                if (tables == 0) {
                    tables = 1;
                }
                cell(1, value, records);
            }
        }

        abstract void table(int table, List<JsonNode> cells, Queue<Map<String, Object>> records) throws MalformedRecordException;

        abstract void cell(int table, JsonNode cell, Queue<Map<String, Object>> records) throws MalformedRecordException;
    }

    private final class CellReading extends TableReading {

        CellReading(final AnswerContext context) {
            super(context);
        }

        @Override
        void table(final int table, final List<JsonNode> cells, final Queue<Map<String, Object>> records) throws MalformedRecordException {
            for (final JsonNode cell : cells) {
                cell(table, cell, records);
            }
        }

        @Override
        void cell(final int table, final JsonNode cell, final Queue<Map<String, Object>> records) throws MalformedRecordException {
            final Map<String, Object> record = new LinkedHashMap<>();
            final Long row = Values.integer(cell.get("RowTl"), "RowTl");
            final Long column = Values.integer(cell.get("ColTl"), "ColTl");
            final Long rowEnd = Values.integer(cell.get("RowBr"), "RowBr");
            final Long columnEnd = Values.integer(cell.get("ColBr"), "ColBr");
            record.put("Page", context.page());
            record.put("Table", (long) table);
            record.put("Row", row);
            record.put("Column", column);
            record.put("RowSpan", row == null || rowEnd == null || row < 0 ? null : rowEnd - row);
            record.put("ColumnSpan", column == null || columnEnd == null || column < 0 ? null : columnEnd - column);
            record.put("Text", Values.scalar(cell.get("Text"), "string", "Text"));
            record.put("Type", Values.scalar(cell.get("Type"), "string", "Type"));
            record.put("Confidence", Values.decimal(cell.get("Confidence"), "Confidence"));
            records.add(record);
        }
    }

    /**
     * Rows: each table's grid, its header the first row with more than one cell (a title spanning the whole width is
     * skipped), each later row a record. Columns are the header's texts (blank ones Column1, Column2, ...; a repeated
     * name gets _2, _3); one FlowFile's tables share one schema, the union of their columns in order of appearance.
     */
    private final class RowReading extends TableReading {
        private final Map<Integer, List<JsonNode>> loose = new LinkedHashMap<>();
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private final Set<String> columns = new LinkedHashSet<>();
        private RecordSchema schema;

        RowReading(final AnswerContext context) {
            super(context);
        }

        @Override
        void table(final int table, final List<JsonNode> cells, final Queue<Map<String, Object>> records) throws MalformedRecordException {
            final Grid grid = Grid.of(cells, MAX_GRID_SIDE);
            if (grid == null) {
                return;
            }
            final List<String> header = grid.header();
            columns.addAll(header);
            for (int row = grid.headerRow() + 1; row < grid.rows(); row++) {
                final Map<String, Object> record = new LinkedHashMap<>();
                record.put("Page", context.page());
                record.put("Table", (long) table);
                record.put("Row", (long) (row - grid.headerRow()));
                for (int column = 0; column < header.size(); column++) {
                    record.put(header.get(column), grid.text(row, column));
                }
                rows.add(record);
            }
        }

        @Override
        void cell(final int table, final JsonNode cell, final Queue<Map<String, Object>> records) {
            loose.computeIfAbsent(table, key -> new ArrayList<>()).add(cell);
        }

        @Override
        public void end(final Queue<Map<String, Object>> records) throws MalformedRecordException {
            for (final Map.Entry<Integer, List<JsonNode>> table : loose.entrySet()) {
                table(table.getKey(), table.getValue(), records);
            }
            final List<RecordField> fields = new ArrayList<>(List.of(Schemas.field("Page", Schemas.LONG), Schemas.field("Table", Schemas.LONG),
                    Schemas.field("Row", Schemas.LONG)));
            columns.forEach(column -> fields.add(Schemas.field(column, Schemas.STRING)));
            schema = new SimpleRecordSchema(fields);
            records.addAll(rows);
            rows.clear();
        }

        @Override
        public RecordSchema schema() {
            return schema;
        }
    }
}
