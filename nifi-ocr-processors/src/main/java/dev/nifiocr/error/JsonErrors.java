package dev.nifiocr.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/**
 * Says where JSON is broken without quoting it: Jackson's messages name the offending token ("Unrecognized token
 * 'Zhang'") and can include the source, which in an ID-card request or answer is a name or an ID number.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** "invalid JSON at line L, column C" for a Jackson error; the message of any other (own, content-free) exception. */
    public static String describe(final IOException e) {
        if (e instanceof JsonProcessingException json) {
            final JsonLocation location = json.getLocation();
            return location == null || location.getLineNr() < 1 ? "invalid JSON"
                    : "invalid JSON at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The exception to keep as a cause: a Jackson error (whose message quotes the token) becomes one saying only where. */
    public static IOException withoutContent(final IOException e) {
        return e instanceof JsonProcessingException ? new IOException(describe(e)) : e;
    }
}
