package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;

/** One column of a flattened record: its name, type and how its value is read from a JSON object of the answer. */
record Column(String name, DataType dataType, Extractor extractor) {

    @FunctionalInterface
    interface Extractor {
        Object read(JsonNode object) throws MalformedRecordException;
    }

    RecordField field() {
        return new RecordField(name, dataType, true);
    }

    Object read(final JsonNode object) throws MalformedRecordException {
        return extractor.read(object);
    }
}
