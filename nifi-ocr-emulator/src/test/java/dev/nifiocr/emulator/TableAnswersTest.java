package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table Actions' answers from the engine's lines: a grid of rows in reading order and columns where left edges gather. */
class TableAnswersTest {

    // a header and two rows of three columns, the prices found out of order as engines do
    private static final List<TextLine> LINES = List.of(
            line("Item", 40, 20, 120, 50), line("Qty", 300, 20, 360, 50), line("Price", 500, 22, 590, 50),
            line("Paper", 40, 80, 150, 110), line("12.50", 500, 81, 590, 109), line("2", 300, 80, 320, 110),
            line("Toner", 42, 140, 150, 170), line("1", 301, 140, 315, 170), line("80.00", 502, 140, 592, 170));

    @Test
    void recognizeTableOcrAnswersOneTableOfCells() {
        final ObjectNode answer = TableAnswers.response("RecognizeTableOCR", LINES);
        assertEquals(List.of("Angle", "Data", "PdfPageSize", "TableDetections"), TextAnswersTest.fields(answer));
        final JsonNode cells = answer.at("/TableDetections/0/Cells");
        assertEquals(9, cells.size());
        assertEquals(List.of("ColBr", "ColTl", "Confidence", "Polygon", "RowBr", "RowTl", "Text", "Type"), TextAnswersTest.fields(cells.get(0)));
        assertEquals(List.of("0,0 Item", "0,1 Qty", "0,2 Price", "1,0 Paper", "1,1 2", "1,2 12.50", "2,0 Toner", "2,1 1", "2,2 80.00"), grid(cells));
    }

    @Test
    void tableOcrAnswersCellsAsTextDetections() {
        final ObjectNode answer = TableAnswers.response("TableOCR", LINES);
        assertEquals(List.of("Data", "TextDetections"), TextAnswersTest.fields(answer));
        assertEquals(List.of("AdvancedInfo", "ColBr", "ColTl", "Confidence", "Polygon", "RowBr", "RowTl", "Text", "Type"),
                TextAnswersTest.fields(answer.at("/TextDetections/0")));
        assertEquals("2,2 80.00", grid(answer.get("TextDetections")).getLast());
    }

    private static List<String> grid(final JsonNode cells) {
        final List<String> grid = new ArrayList<>();
        cells.forEach(cell -> grid.add(cell.get("RowTl").asInt() + "," + cell.get("ColTl").asInt() + " " + cell.get("Text").asText()));
        return grid;
    }

    private static TextLine line(final String text, final int left, final int top, final int right, final int bottom) {
        return new TextLine(text, 99, List.of(new TextLine.Point(left, top), new TextLine.Point(right, top), new TextLine.Point(right, bottom),
                new TextLine.Point(left, bottom)));
    }
}
