package dev.nifiocr.document;

import java.util.Optional;

/**
 * Decides whether a page's own text layer is enough to skip OCR: born-digital pages carry their text, scans carry none
 * (or only a few stray characters such as a page number or a scanner's stamp).
 */
public final class TextLayer {

    private TextLayer() {
    }

    /**
     * @param text what the PDF's text layer holds for the page
     * @param minimumCharacters how many non-blank characters make the layer worth trusting
     * @return the text, trimmed, when it has at least that many non-blank characters
     */
    public static Optional<String> usable(final String text, final int minimumCharacters) {
        if (text == null) {
            return Optional.empty();
        }
        final long visible = text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c)).count();
        return visible >= minimumCharacters && visible > 0 ? Optional.of(text.strip()) : Optional.empty();
    }
}
