package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * A shape applied to one Action's answer model: which top-level fields of the answer it reads (lists are streamed to it
 * element by element, so memory holds one element at a time), the schema of its records, and one reading per answer.
 */
interface ShapePlan {

    RecordShape shape();

    /** Where the records come from, e.g. "TextDetections[]", for the documentation. */
    String source();

    /** The schema, the same for every answer of the Action; null only for Table Rows, whose columns are the tables' headers. */
    RecordSchema schema();

    /** The top-level fields of the answer that this shape reads; the others are skipped unparsed. */
    Set<String> reads();

    Reading open(AnswerContext context);

    /** The records of one answer, as field values by name. */
    interface Reading {

        /** One element of a list the shape reads, or the whole value of another field it reads. */
        void accept(String field, JsonNode value, Queue<Map<String, Object>> records) throws MalformedRecordException;

        /** The answer has been read: records that needed all of it. */
        default void end(final Queue<Map<String, Object>> records) throws MalformedRecordException {
        }

        /** The schema once the answer has been read, for shapes without a fixed one. */
        default RecordSchema schema() {
            return null;
        }
    }
}
