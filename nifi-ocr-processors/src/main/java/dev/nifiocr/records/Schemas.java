package dev.nifiocr.records;

import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.List;

/** The fields every shape builds its schema from. */
final class Schemas {

    static final DataType LONG = RecordFieldType.LONG.getDataType();
    static final DataType DOUBLE = RecordFieldType.DOUBLE.getDataType();
    static final DataType STRING = RecordFieldType.STRING.getDataType();

    private Schemas() {
    }

    static RecordField field(final String name, final DataType type) {
        return new RecordField(name, type, true);
    }

    /** A schema of the given fields followed by the columns. */
    static RecordSchema of(final List<RecordField> first, final List<Column> columns) {
        final List<RecordField> fields = new ArrayList<>(first);
        columns.forEach(column -> fields.add(column.field()));
        return new SimpleRecordSchema(fields);
    }
}
