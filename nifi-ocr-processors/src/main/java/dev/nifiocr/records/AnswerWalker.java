package dev.nifiocr.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.serialization.MalformedRecordException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Streams one answer, {"Response": {...}}, to a shape's reading: the top-level fields the shape reads are handed over,
 * a list element by element, each parsed alone, so a 32 MB answer never sits in memory as a tree; the other fields are
 * skipped unparsed. An error answer ({"Response": {"Error": ...}}) or an encrypted one that was not decrypted stops the
 * reading with an exception naming Tencent's code, as does anything that is not an answer.
 */
final class AnswerWalker {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            // Tencent's Base64 fields (RecognizeTableOCR's Data, cropped images) exceed Jackson's default 20 MB string limit only past the answer cap
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build()).build());

    private final JsonParser parser;
    private final Set<String> reads;
    private final AnswerContext context;
    private String list;
    private boolean ended;

    AnswerWalker(final InputStream in, final Set<String> reads, final AnswerContext context) throws IOException, MalformedRecordException {
        this.parser = MAPPER.createParser(in);
        this.reads = reads;
        this.context = context;
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRecordException("the content is not a JSON object, so not a Tencent OCR answer");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                final String name = parser.currentName();
                if ("Response".equals(name) && parser.nextToken() == JsonToken.START_OBJECT) {
                    return;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            throw new MalformedRecordException("the JSON has no Response object, so it is not a Tencent OCR answer");
        } catch (final JsonProcessingException e) {
            throw new MalformedRecordException("the content is not JSON, so not a Tencent OCR answer (was the Output Format Text?): "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Hands over the next element or field read by the shape; false once the answer has been read to its end.
     */
    boolean step(final ShapePlan.Reading reading, final Queue<Map<String, Object>> records) throws IOException, MalformedRecordException {
        if (ended) {
            return false;
        }
        try {
            if (list != null) {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    list = null;
                } else {
                    final JsonNode element = MAPPER.readTree(parser);
                    reading.accept(list, element, records);
                }
                return true;
            }
            final JsonToken token = parser.nextToken();
            if (token == JsonToken.END_OBJECT) {
                ended = true;
                return false;
            }
            if (token != JsonToken.FIELD_NAME) {
                throw new MalformedRecordException("the answer is cut short or not JSON (" + token + " inside Response)");
            }
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            switch (name) {
                case "Error" -> throw error(MAPPER.readTree(parser));
                case "RequestId" -> context.requestId(parser.getValueAsString());
                case "EncryptedBody" -> throw new MalformedRecordException("the answer is still encrypted (EncryptedBody): InvokeTencentOCR "
                        + "decrypts it when the client service holds the encryption keys");
                default -> {
                    if (!reads.contains(name) || value == JsonToken.VALUE_NULL) {
                        parser.skipChildren();
                    } else if (value == JsonToken.START_ARRAY) {
                        list = name;
                    } else {
                        reading.accept(name, MAPPER.readTree(parser), records);
                    }
                }
            }
            return true;
        } catch (final JsonProcessingException e) {
            throw notJson(e);
        }
    }

    void close() throws IOException {
        parser.close();
    }

    private static MalformedRecordException error(final JsonNode error) {
        return new MalformedRecordException("Tencent answered error " + error.path("Code").asText("(no code)") + ": "
                + error.path("Message").asText("") + " (an error answer holds no records; route InvokeTencentOCR's failure elsewhere)");
    }

    private static MalformedRecordException notJson(final JsonProcessingException e) {
        return new MalformedRecordException("the content is not a whole JSON answer: " + e.getOriginalMessage(), e);
    }
}
