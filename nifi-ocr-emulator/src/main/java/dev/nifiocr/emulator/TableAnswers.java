package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The table Actions read for real: the engine's lines laid on a grid, rows as the reading order makes them, columns
 * where the lines' left edges gather (a gap wider than a line's height starts a new column), one cell per line, in
 * each Action's answer shape (TableDetections[].Cells[] of RecognizeTableOCR and RecognizeTableAccurateOCR, TextDetections[]
 * of TableOCR). No cell spans: the engine sees text, not ruling lines.
 */
final class TableAnswers {

    private static final Set<String> ACTIONS = Set.of("RecognizeTableOCR", "RecognizeTableAccurateOCR", "TableOCR");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TableAnswers() {
    }

    static boolean reads(final String action) {
        return ACTIONS.contains(action);
    }

    static ObjectNode response(final String action, final List<TextLine> lines) {
        final List<List<TextLine>> rows = ReadingOrder.rows(lines);
        final List<Integer> columns = columnStarts(lines);
        final ObjectNode response = JSON.objectNode();
        final ArrayNode cells;
        if ("TableOCR".equals(action)) {
            cells = response.putArray("TextDetections");
        } else {
            final ObjectNode table = response.putArray("TableDetections").addObject();
            cells = table.putArray("Cells");
            table.put("Type", 1);
            polygon(table.putArray("TableCoordPoint"), lines.stream().mapToInt(TextLine::left).min().orElse(0),
                    lines.stream().mapToInt(TextLine::top).min().orElse(0), lines.stream().mapToInt(TextLine::right).max().orElse(0),
                    lines.stream().mapToInt(TextLine::bottom).max().orElse(0));
        }
        for (int row = 0; row < rows.size(); row++) {
            for (final TextLine line : rows.get(row)) {
                final int column = column(columns, line.left());
                final ObjectNode cell = cells.addObject();
                cell.put("ColTl", column).put("RowTl", row).put("ColBr", column + 1).put("RowBr", row + 1);
                cell.put("Text", line.text()).put("Type", "body");
                if ("TableOCR".equals(action)) {
                    cell.put("Confidence", line.confidence());
                } else {
                    cell.put("Confidence", (float) line.confidence());
                }
                final ArrayNode polygon = cell.putArray("Polygon");
                line.polygon().forEach(point -> polygon.addObject().put("X", point.x()).put("Y", point.y()));
                if ("TableOCR".equals(action)) {
                    cell.put("AdvancedInfo", "{}");
                }
            }
        }
        // Data is Tencent's Excel file of the tables (Base64); the emulator writes none
        response.put("Data", "");
        if (!"TableOCR".equals(action)) {
            response.put("PdfPageSize", 0).put("Angle", 0.0);
        }
        return response;
    }

    /** Left edges where columns start: sorted left edges, a new column wherever the gap exceeds the typical line height. */
    static List<Integer> columnStarts(final List<TextLine> lines) {
        final List<Integer> lefts = new ArrayList<>(lines.stream().map(TextLine::left).sorted().toList());
        final int[] heights = lines.stream().mapToInt(TextLine::height).sorted().toArray();
        final int gap = heights.length == 0 ? 10 : Math.max(4, heights[heights.length / 2]);
        final List<Integer> starts = new ArrayList<>();
        int last = Integer.MIN_VALUE / 2;
        for (final int left : lefts) {
            if (left - last > gap) {
                starts.add(left);
            }
            last = left;
        }
        return starts;
    }

    private static int column(final List<Integer> starts, final int left) {
        int column = 0;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) <= left + 2) {
                column = i;
            }
        }
        return column;
    }

    private static void polygon(final ArrayNode points, final int left, final int top, final int right, final int bottom) {
        points.addObject().put("X", left).put("Y", top);
        points.addObject().put("X", right).put("Y", top);
        points.addObject().put("X", right).put("Y", bottom);
        points.addObject().put("X", left).put("Y", bottom);
    }
}
