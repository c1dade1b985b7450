package dev.nifiocr.emulator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadingOrderTest {

    @Test
    void readsRowsTopToBottomAndEachRowLeftToRight() {
        // as the engine found them on the invoice sample: the price before its item, slightly higher
        final TextLine price = line("1,200.00", 605, 347, 782, 387);
        final TextLine item = line("1 x NiFi cluster support", 40, 351, 529, 389);
        final TextLine title = line("INVOICE", 42, 51, 535, 82);
        final TextLine total = line("Total due:", 39, 526, 246, 567);
        final TextLine amount = line("1,280.00", 507, 530, 681, 564);

        final List<List<TextLine>> rows = ReadingOrder.rows(List.of(amount, price, total, item, title));

        assertEquals(List.of(List.of(title), List.of(item, price), List.of(total, amount)), rows);
    }

    @Test
    void keepsLinesOfDifferentHeightsApart() {
        final TextLine heading = line("Heading", 10, 10, 400, 70);
        final TextLine small = line("small print", 420, 62, 600, 78);

        assertEquals(List.of(List.of(heading), List.of(small)), ReadingOrder.rows(List.of(small, heading)));
    }

    @Test
    void answersNothingForNothing() {
        assertEquals(List.of(), ReadingOrder.rows(List.of()));
    }

    private static TextLine line(final String text, final int left, final int top, final int right, final int bottom) {
        return new TextLine(text, 90, List.of(new TextLine.Point(left, top), new TextLine.Point(right, top), new TextLine.Point(right, bottom),
                new TextLine.Point(left, bottom)));
    }
}
