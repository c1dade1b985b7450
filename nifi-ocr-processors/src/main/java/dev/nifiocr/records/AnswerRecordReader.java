package dev.nifiocr.records;

import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;

/**
 * The records of one answer in one shape, made as they are read (a list element at a time), except Table Rows, whose
 * columns are known only once its tables are read. Every failure names the Action and the shape.
 */
public final class AnswerRecordReader implements RecordReader {

    private final ShapePlan plan;
    private final AnswerContext context;
    private final ShapePlan.Reading reading;
    private final Queue<Map<String, Object>> records = new ArrayDeque<>();
    private final AnswerWalker walker;
    private boolean ended;

    AnswerRecordReader(final ShapePlan plan, final AnswerContext context, final InputStream in) throws IOException, MalformedRecordException {
        this.plan = plan;
        this.context = context;
        this.reading = plan.open(context);
        try {
            this.walker = new AnswerWalker(in, plan.reads(), context);
        } catch (final MalformedRecordException e) {
            throw named(e);
        }
    }

    /** A reader of the answer in the shape, for the Action; page is the document page it read, or null. */
    public static AnswerRecordReader of(final String action, final RecordShape shape, final Long page, final InputStream in)
            throws IOException, MalformedRecordException {
        final ShapePlan plan = ShapeCatalogue.shared().plan(action, shape)
                .orElseThrow(() -> new MalformedRecordException(ShapeCatalogue.shared().unreadable(action, shape)));
        return new AnswerRecordReader(plan, new AnswerContext(action, page), in);
    }

    @Override
    public Record nextRecord(final boolean coerceTypes, final boolean dropUnknownFields) throws IOException, MalformedRecordException {
        final RecordSchema schema = getSchema();
        while (records.isEmpty() && !ended) {
            advance();
        }
        final Map<String, Object> values = records.poll();
        return values == null ? null : new MapRecord(schema, values);
    }

    @Override
    public RecordSchema getSchema() throws MalformedRecordException {
        if (plan.schema() != null) {
            return plan.schema();
        }
        try {
            while (!ended) {
                advance();
            }
        } catch (final IOException e) {
            throw named(new MalformedRecordException("the answer could not be read: " + e.getMessage(), e));
        }
        return reading.schema();
    }

    private void advance() throws IOException, MalformedRecordException {
        try {
            if (!walker.step(reading, records)) {
                ended = true;
                reading.end(records);
            }
        } catch (final MalformedRecordException e) {
            ended = true;
            throw named(e);
        }
    }

    private MalformedRecordException named(final MalformedRecordException e) {
        return new MalformedRecordException(context.action() + " answer as " + plan.shape().getValue() + ": " + e.getMessage(), e.getCause());
    }

    @Override
    public void close() throws IOException {
        walker.close();
    }
}
