package dev.nifiocr.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.nifiocr.error.JsonErrors;

import java.io.IOException;

/**
 * The parts of an API 3.0 response envelope that decide routing: {"Response": {"RequestId", "Error": {"Code", "Message"}}}.
 * Read with a streaming parser so that large OCR results are not turned into a tree just to find three strings.
 *
 * @param requestId Response.RequestId, or null
 * @param errorCode Response.Error.Code, or null when the call succeeded
 * @param errorMessage Response.Error.Message, or null
 */
record ResponseEnvelope(String requestId, String errorCode, String errorMessage) {

    // Never copy the body into error locations (it can hold a name or an ID number); a second "Response" or "Error"
    // key could hide an error behind a success: refused, not resolved by "last wins".
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads the envelope of a complete response body.
     *
     * @throws IOException when the body is not a JSON object with a Response object, is cut short, has data after the
     *                     object, or has an Error without a Code; the message gives line and column, never content
     */
    static ResponseEnvelope parse(final byte[] body) throws IOException {
        try {
            return read(body);
        } catch (final JsonProcessingException e) {
            // Jackson's own message quotes the offending characters, which may be answer content
            throw JsonErrors.withoutContent(e);
        }
    }

    private static ResponseEnvelope read(final byte[] body) throws IOException {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            ResponseEnvelope envelope = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("Response".equals(field) && value == JsonToken.START_OBJECT) {
                    envelope = readResponse(parser);
                } else {
                    parser.skipChildren();
                }
            }
            expect(parser.currentToken(), JsonToken.END_OBJECT, "the end of the JSON object");
            if (parser.nextToken() != null) {
                throw new IOException("Answer has data after the JSON object, at line %d, column %d"
                        .formatted(parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr()));
            }
            if (envelope == null) {
                throw new IOException("No Response object in the body");
            }
            return envelope;
        }
    }

    private static ResponseEnvelope readResponse(final JsonParser parser) throws IOException {
        String requestId = null;
        String code = null;
        String message = null;
        boolean hasError = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String field = parser.currentName();
            final JsonToken value = parser.nextToken();
            if ("RequestId".equals(field) && value == JsonToken.VALUE_STRING) {
                requestId = parser.getText();
            } else if ("Error".equals(field)) {
                expect(value, JsonToken.START_OBJECT, "Response.Error to be an object");
                hasError = true;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    final String errorField = parser.currentName();
                    parser.nextToken();
                    if ("Code".equals(errorField) && parser.currentToken() == JsonToken.VALUE_STRING) {
                        code = parser.getText();
                    } else if ("Message".equals(errorField)) {
                        message = parser.getValueAsString();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        expect(parser.currentToken(), JsonToken.END_OBJECT, "the end of the Response object");
        if (hasError && (code == null || code.isBlank())) {
            throw new IOException("Response.Error has no Code string");
        }
        return new ResponseEnvelope(requestId, code, message);
    }

    private static void expect(final JsonToken actual, final JsonToken expected, final String what) throws IOException {
        if (actual != expected) {
            throw new IOException("Expected " + what + " but found " + (actual == null ? "end of input" : actual.asString()));
        }
    }
}
