package dev.nifiocr.records;

import dev.nifiocr.test.Fixtures;
import org.apache.nifi.serialization.record.Record;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers at the 32 MB cap read in a 256 MB heap (this class runs in Surefire's low-memory execution): the reader hands a
 * shape one list element at a time, so the whole answer is never a tree in memory (as a tree it would take several
 * times its size). The answers are made as they are read, so the test itself holds none of them.
 */
class AnswerReaderLowMemoryTest {

    private static final long CAP = 32L * 1024 * 1024;

    @Test
    void aThirtyTwoMegabyteTextAnswerAsLinesAndAsFields() throws Exception {
        final String detection = "{\"DetectedText\": \"%s\", \"Confidence\": 99, \"AdvancedInfo\": \"{\\\"Parag\\\":{\\\"ParagNo\\\":1}}\", "
                + "\"Polygon\": [{\"X\": 10, \"Y\": 20}, {\"X\": 400, \"Y\": 20}, {\"X\": 400, \"Y\": 50}, {\"X\": 10, \"Y\": 50}], "
                + "\"ItemPolygon\": {\"X\": 10, \"Y\": 20, \"Width\": 390, \"Height\": 30}, \"Words\": [], \"WordCoordPoint\": []}";
        final int size = detection.formatted("line 0000000").length() + 1;
        final int lines = (int) (CAP / size);
        long read = 0;
        try (AnswerRecordReader reader = AnswerRecordReader.of("GeneralBasicOCR", RecordShape.LINES, 7L,
                answer("TextDetections", lines, i -> detection.formatted("line %07d".formatted(i)), "\"Language\": \"zh\", \"Angle\": 0"))) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                read++;
                if (read == lines) {
                    assertEquals("line %07d".formatted(lines - 1), record.getValue("Text"));
                    assertEquals(7L, record.getValue("Page"));
                }
            }
        }
        assertEquals(lines, read);
        try (AnswerRecordReader reader = AnswerRecordReader.of("GeneralBasicOCR", RecordShape.FIELDS, null,
                answer("TextDetections", lines, i -> detection.formatted("line %07d".formatted(i)), "\"Language\": \"zh\", \"Angle\": 0"))) {
            final Record answer = reader.nextRecord();
            final String text = (String) answer.getValue("TextDetections");
            assertTrue(text.startsWith("line 0000000\nline 0000001\n"), text.substring(0, 40));
            assertEquals(lines, text.lines().count());
            assertEquals("zh", answer.getValue("Language"));
        }
    }

    @Test
    void aThirtyTwoMegabyteInvoiceAnswerAsItems() throws Exception {
        final String item = Fixtures.json("RecognizeGeneralInvoice-1.json").at("/Response/MixedInvoiceItems/0").toString();
        final int invoices = (int) (CAP / (item.length() + 1));
        long read = 0;
        try (AnswerRecordReader reader = AnswerRecordReader.of("RecognizeGeneralInvoice", RecordShape.ITEMS, null,
                answer("MixedInvoiceItems", invoices, i -> item, "\"TotalPDFCount\": 1"))) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                read++;
                assertEquals("14998456", record.getValue("Number"));
            }
        }
        assertEquals(invoices, read);
    }

    /** {"Response": {"list": [element 0, ...], other, "RequestId": ...}}, made while it is read. */
    private static InputStream answer(final String list, final int count, final java.util.function.IntFunction<String> element, final String other) {
        final Iterator<InputStream> parts = IntStream.range(-1, count + 1).mapToObj(i -> {
            final String text = i < 0 ? "{\"Response\": {\"" + list + "\": ["
                    : i == count ? "], " + other + ", \"RequestId\": \"low-memory\"}}"
                    : (i > 0 ? "," : "") + element.apply(i);
            return (InputStream) new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }).iterator();
        return new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return parts.next();
            }
        });
    }
}
