package dev.nifiocr.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text of a general-text answer: {@code Response.TextDetections[*].DetectedText}, one line per detected line, in the
 * order Tencent returns them (its reading order: rows top to bottom, left to right within a row). Read with Jackson's
 * streaming parser, so the answer is never held as a tree; an answer without TextDetections (an error, an Action of
 * another kind) has no text.
 */
public final class RecognizedText {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NEWLINE = {'\n'};

    private RecognizedText() {
    }

    /** Writes each DetectedText followed by a newline (a line break inside a detection becomes a space); returns the line count. */
    public static int write(final byte[] answer, final OutputStream out) throws IOException {
        int lines = 0;
        try (JsonParser parser = JSON.createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !toField(parser, "Response") || parser.nextToken() != JsonToken.START_OBJECT
                    || !toField(parser, "TextDetections") || parser.nextToken() != JsonToken.START_ARRAY) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String text = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    final String field = parser.currentName();
                    parser.nextToken();
                    if ("DetectedText".equals(field) && parser.currentToken() == JsonToken.VALUE_STRING) {
                        text = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (text != null) {
                    out.write(text.replaceAll("\\R", " ").getBytes(StandardCharsets.UTF_8));
                    out.write(NEWLINE);
                    lines++;
                }
            }
        }
        return lines;
    }

    /** Moves the parser, inside an object, to the value of the named field at this level; false when the object has none. */
    private static boolean toField(final JsonParser parser, final String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (name.equals(parser.currentName())) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }
}
