package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.nifi.serialization.MalformedRecordException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A table's cells laid on their grid, a spanning cell in every row and column it covers. */
final class Grid {

    private final int rows;
    private final int columns;
    private final Map<Long, JsonNode> cells = new HashMap<>();

    private Grid(final int rows, final int columns) {
        this.rows = rows;
        this.columns = columns;
    }

    /** The grid of the cells inside it (RowTl and ColTl from 0), or null when none is. */
    static Grid of(final List<JsonNode> all, final int maxSide) throws MalformedRecordException {
        int rows = 0;
        int columns = 0;
        final List<long[]> positions = new ArrayList<>();
        final List<JsonNode> inside = new ArrayList<>();
        for (final JsonNode cell : all) {
            final Long rowTl = Values.integer(cell.get("RowTl"), "RowTl");
            final Long colTl = Values.integer(cell.get("ColTl"), "ColTl");
            final Long rowBr = Values.integer(cell.get("RowBr"), "RowBr");
            final Long colBr = Values.integer(cell.get("ColBr"), "ColBr");
            if (rowTl == null || colTl == null || rowTl < 0 || colTl < 0) {
                continue;
            }
            final long rowEnd = rowBr == null || rowBr <= rowTl ? rowTl + 1 : rowBr;
            final long columnEnd = colBr == null || colBr <= colTl ? colTl + 1 : colBr;
            if (rowEnd > maxSide || columnEnd > maxSide) {
                throw new MalformedRecordException("A table cell reaches row " + rowEnd + " or column " + columnEnd + ", beyond " + maxSide);
            }
            positions.add(new long[] {rowTl, colTl, rowEnd, columnEnd});
            inside.add(cell);
            rows = (int) Math.max(rows, rowEnd);
            columns = (int) Math.max(columns, columnEnd);
        }
        if (inside.isEmpty()) {
            return null;
        }
        if ((long) rows * columns > (long) maxSide * 100) {
            throw new MalformedRecordException("A table of " + rows + " rows and " + columns + " columns is beyond " + maxSide * 100 + " cells");
        }
        final Grid grid = new Grid(rows, columns);
        for (int i = 0; i < inside.size(); i++) {
            final long[] at = positions.get(i);
            for (long row = at[0]; row < at[2]; row++) {
                for (long column = at[1]; column < at[3]; column++) {
                    grid.cells.putIfAbsent(row * columns + column, inside.get(i));
                }
            }
        }
        return grid;
    }

    int rows() {
        return rows;
    }

    /** The first row with more than one distinct cell; a table of one column has its first row as header. */
    int headerRow() {
        for (int row = 0; row < rows; row++) {
            JsonNode first = null;
            for (int column = 0; column < columns; column++) {
                final JsonNode cell = cells.get((long) row * columns + column);
                if (cell != null && first != null && cell != first) {
                    return row;
                }
                first = first == null ? cell : first;
            }
        }
        return 0;
    }

    /** The column names: the header row's texts, blanks as Column1..., repeats with _2, _3. */
    List<String> header() {
        final List<String> names = new ArrayList<>();
        // the fixed fields of Table Rows keep their names: a header cell named Row becomes Row_2
        final Map<String, Integer> seen = new HashMap<>(Map.of("Page", 1, "Table", 1, "Row", 1));
        final int header = headerRow();
        for (int column = 0; column < columns; column++) {
            String name = text(header, column);
            name = name == null ? "" : name.strip().replaceAll("\\s+", " ");
            if (name.isEmpty()) {
                name = "Column" + (column + 1);
            }
            final int count = seen.merge(name, 1, Integer::sum);
            names.add(count == 1 ? name : name + "_" + count);
        }
        return names;
    }

    String text(final int row, final int column) {
        final JsonNode cell = cells.get((long) row * columns + column);
        return cell == null || cell.path("Text").isNull() ? null : cell.path("Text").asText();
    }
}
