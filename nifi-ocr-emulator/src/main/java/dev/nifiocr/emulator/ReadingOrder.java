package dev.nifiocr.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the engine's text blocks in reading order, as Tencent answers: rows from top to bottom, blocks within a row
 * from left to right. A block joins a row when its vertical middle lies within half a line height of the row's, so a
 * price printed beside its item stays on the item's row even when the engine found it first.
 */
final class ReadingOrder {

    private ReadingOrder() {
    }

    /** The rows of the page in reading order, each row's blocks from left to right. */
    static List<List<TextLine>> rows(final List<TextLine> blocks) {
        final List<TextLine> byMiddle = new ArrayList<>(blocks);
        byMiddle.sort(Comparator.comparingDouble(TextLine::middle));
        final List<List<TextLine>> rows = new ArrayList<>();
        List<TextLine> row = null;
        double rowMiddle = 0;
        for (final TextLine block : byMiddle) {
            if (row != null && Math.abs(block.middle() - rowMiddle) <= Math.min(block.height(), row.getFirst().height()) / 2.0) {
                row.add(block);
                rowMiddle = row.stream().mapToDouble(TextLine::middle).average().orElse(block.middle());
            } else {
                row = new ArrayList<>();
                row.add(block);
                rows.add(row);
                rowMiddle = block.middle();
            }
        }
        rows.forEach(line -> line.sort(Comparator.comparingInt(TextLine::left)));
        return rows;
    }
}
