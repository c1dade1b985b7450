package dev.nifiocr.emulator;

import java.util.List;

/**
 * One line of text the engine found: its words, a confidence from 0 to 100 and its four corners (top left, top right,
 * bottom right, bottom left) in the page's pixels.
 */
record TextLine(String text, int confidence, List<Point> polygon) {

    record Point(int x, int y) {
    }

    TextLine {
        polygon = List.copyOf(polygon);
    }

    int left() {
        return polygon.stream().mapToInt(Point::x).min().orElse(0);
    }

    int right() {
        return polygon.stream().mapToInt(Point::x).max().orElse(0);
    }

    int top() {
        return polygon.stream().mapToInt(Point::y).min().orElse(0);
    }

    int bottom() {
        return polygon.stream().mapToInt(Point::y).max().orElse(0);
    }

    int height() {
        return bottom() - top();
    }

    double middle() {
        return (top() + bottom()) / 2.0;
    }
}
