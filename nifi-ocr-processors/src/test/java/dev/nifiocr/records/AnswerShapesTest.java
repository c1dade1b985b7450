package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.test.Fixtures;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Every documented example answer of every catalogue Action, read in every shape its Action has. */
class AnswerShapesTest {

    private static final ShapeCatalogue CATALOGUE = ShapeCatalogue.shared();

    static List<String> examples() {
        return Examples.all().stream().filter(example -> CATALOGUE.knows(Examples.action(example))).toList();
    }

    @Test
    void everyCatalogueActionHasAModelAnExampleAndAnAutoShape() {
        final Set<String> withExamples = examples().stream().map(Examples::action).collect(Collectors.toSet());
        final Set<String> missing = new TreeSet<>();
        for (final OcrAction action : OcrAction.values()) {
            assertTrue(CATALOGUE.knows(action.name()), action + " has no answer model");
            assertTrue(CATALOGUE.plan(action.name(), RecordShape.AUTO).isPresent(), action + " has no Auto shape");
            if (!withExamples.contains(action.name())) {
                missing.add(action.name());
            }
        }
        // the two newer than the API description in the code index have no stored example
        assertEquals(Set.of("DescribeQuestionSplitJob", "SubmitQuestionSplitJob"), missing);
        assertEquals(OcrAction.values().length, CATALOGUE.actions().size(), "models and catalogue list the same Actions");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void readsTheExampleInEveryShapeOfItsAction(final String example) throws Exception {
        final String action = Examples.action(example);
        final byte[] answer = Fixtures.bytes(example);
        final List<RecordShape> shapes = CATALOGUE.shapes(action);
        assertTrue(shapes.contains(RecordShape.FIELDS), action + " " + shapes);
        final JsonNode response = Fixtures.json(example).get("Response");
        if (response.has("Error") || response.has("EncryptedBody")) {
            // Tencent documents some error answers and one still-encrypted answer among its examples: no shape reads them
            for (final RecordShape shape : shapes) {
                final MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> read(action, shape, answer));
                assertTrue(e.getMessage().startsWith(action + " answer as " + shape.getValue() + ": "), e.getMessage());
                assertTrue(e.getMessage().contains(response.has("Error") ? response.at("/Error/Code").asText() : "EncryptedBody"), e.getMessage());
            }
            return;
        }
        for (final RecordShape shape : shapes) {
            final ShapePlan plan = CATALOGUE.plan(action, shape).orElseThrow();
            assertSame(plan, CATALOGUE.plan(action, shape).orElseThrow(), "one plan, one schema instance per Action and shape");
            final List<Record> records = read(action, shape, answer);
            final RecordSchema schema = plan.schema() != null ? plan.schema() : records.isEmpty() ? null : records.getFirst().getSchema();
            if (shape != RecordShape.TABLE_ROWS) {
                assertNotNull(schema, action + " " + shape);
                assertFalse(schema.getFields().isEmpty(), action + " " + shape);
            }
            for (final Record record : records) {
                assertSame(schema, record.getSchema(), action + " " + shape + ": every record of the answer has the shape's schema");
            }
        }
        final RecordShape auto = CATALOGUE.auto(action);
        assertFalse(read(action, RecordShape.AUTO, answer).isEmpty() && hasData(Fixtures.json(example), action, auto),
                example + " read as " + auto + " gives no record although its answer holds data for it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void fieldsHoldEveryScalarOfTheAnswer(final String example) throws Exception {
        final String action = Examples.action(example);
        final JsonNode answer = Fixtures.json(example).get("Response");
        assumeFalse(answer.has("Error") || answer.has("EncryptedBody"), "an error or encrypted example, read by the test above");
        final Record record = read(action, RecordShape.FIELDS, Fixtures.bytes(example)).getFirst();
        assertEquals(answer.get("RequestId").asText(), record.getValue("RequestId"));
        for (final AnswerModels.Field field : AnswerModels.shared().answer(action)) {
            final JsonNode value = answer.get(field.name());
            if (field.isScalar() && value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty() && !field.type().equals("string"))) {
                assertEquals(Values.scalar(value, field.type(), field.name()), record.getValue(field.name()), example + " " + field.name());
                assertTrue(value.isValueNode(), example + " " + field.name());
                if (field.type().equals("string")) {
                    assertEquals(value.asText(), record.getValue(field.name()));
                }
            }
        }
    }

    @Test
    void autoPicksTheNaturalShape() {
        assertEquals(RecordShape.LINES, CATALOGUE.auto("GeneralBasicOCR"));
        assertEquals(RecordShape.LINES, CATALOGUE.auto("GeneralHandwritingOCR"));
        assertEquals(RecordShape.FIELDS, CATALOGUE.auto("IDCardOCR"));
        assertEquals(RecordShape.FIELDS, CATALOGUE.auto("VatInvoiceOCR"));
        assertEquals(RecordShape.ITEMS, CATALOGUE.auto("RecognizeGeneralInvoice"));
        assertEquals(RecordShape.ITEMS, CATALOGUE.auto("QrcodeOCR"));
        assertEquals(RecordShape.TABLE_ROWS, CATALOGUE.auto("RecognizeTableOCR"));
        assertEquals(RecordShape.TABLE_ROWS, CATALOGUE.auto("TableOCR"));
        assertEquals(RecordShape.KEY_VALUES, CATALOGUE.auto("SmartStructuralOCR"));
        assertEquals(RecordShape.KEY_VALUES, CATALOGUE.auto("ExtractDocMulti"));
    }

    static List<Record> read(final String action, final RecordShape shape, final byte[] answer) throws IOException, MalformedRecordException {
        final List<Record> records = new ArrayList<>();
        try (AnswerRecordReader reader = AnswerRecordReader.of(action, shape, null, new ByteArrayInputStream(answer))) {
            final RecordSchema schema = reader.getSchema();
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
                assertSame(schema, record.getSchema());
            }
        }
        return records;
    }

    /** Whether the example holds anything for the shape: a non-empty list it reads, or any field for Fields. */
    private static boolean hasData(final JsonNode example, final String action, final RecordShape shape) {
        final JsonNode answer = example.get("Response");
        if (shape == RecordShape.TABLE_ROWS) {
            // a table has rows when any cell lies on the grid (TableOCR's example has only text outside it, at -1)
            return answer.findValues("RowTl").stream().anyMatch(row -> row.asInt() >= 0);
        }
        return shape == RecordShape.FIELDS || CATALOGUE.plan(action, shape).orElseThrow().reads().stream()
                .anyMatch(field -> answer.path(field).isArray() && !answer.path(field).isEmpty());
    }
}
