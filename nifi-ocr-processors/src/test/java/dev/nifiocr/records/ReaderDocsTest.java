package dev.nifiocr.records;

import dev.nifiocr.request.OcrAction;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the reader's additional details to the shape catalogue: the shapes and columns of every Action, per family,
 * are written from it. After changing the models or the shapes, rewrite them with
 * {@code ./mvnw -B -o -pl nifi-ocr-processors -am test -Dtest=ReaderDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dnifiocr.docs.write=true}.
 */
class ReaderDocsTest {

    static final Path DOCS = Path.of("src/main/resources/docs/dev.nifiocr.records.TencentOCRAnswerReader/additionalDetails.md");
    static final String BEGIN = "<!-- Generated from ShapeCatalogue by ReaderDocsTest: begin -->";
    static final String END = "<!-- Generated from ShapeCatalogue: end -->";
    private static final List<RecordShape> SHAPES = List.of(RecordShape.LINES, RecordShape.FIELDS, RecordShape.ITEMS, RecordShape.TABLE_ROWS,
            RecordShape.TABLE_CELLS, RecordShape.KEY_VALUES);

    static String generated() {
        final ShapeCatalogue catalogue = ShapeCatalogue.shared();
        final StringBuilder docs = new StringBuilder();
        docs.append("### Fixed schemas\n\n");
        docs.append("- **Lines**: ").append(fields(LinesShape.SCHEMA)).append("; Polygon: ").append(fields(LinesShape.POLYGON)).append('\n');
        docs.append("- **Table Cells**: ").append(fields(TableShapes.CELLS)).append('\n');
        docs.append("- **Key Values**: ").append(fields(KeyValuesShape.SCHEMA)).append('\n');
        docs.append("- **Table Rows**: Page (long), Table (long), Row (long), then one string column per header cell of the tables read\n");
        docs.append("- **Fields**: RequestId (string), Page (long), then the Action's columns below\n");
        docs.append("- **Items**: Page (long), Item (long), then the Action's columns below\n\n");
        // by category, as the list offered them before it was sorted by Action name; within one, by Action name
        for (final OcrAction.Category family : OcrAction.Category.values()) {
            if (Arrays.stream(OcrAction.values()).anyMatch(action -> action.getCategory() == family)) {
                docs.append("### ").append(family.getLabel()).append("\n\n| Action | Auto | ")
                        .append(SHAPES.stream().map(RecordShape::getValue).collect(Collectors.joining(" | "))).append(" |\n|---|---|")
                        .append("---|".repeat(SHAPES.size())).append('\n');
                for (final OcrAction member : OcrAction.values()) {
                    if (member.getCategory() == family) {
                        docs.append("| ").append(member.name()).append(" | ").append(catalogue.auto(member.name()).getValue());
                        for (final RecordShape shape : SHAPES) {
                            docs.append(" | ").append(catalogue.plan(member.name(), shape).map(plan -> "`" + plan.source() + "`").orElse(""));
                        }
                        docs.append(" |\n");
                    }
                }
                docs.append('\n');
                for (final OcrAction member : OcrAction.values()) {
                    if (member.getCategory() == family) {
                        columns(docs, member.name(), RecordShape.FIELDS, 2);
                        columns(docs, member.name(), RecordShape.ITEMS, 2);
                    }
                }
                docs.append('\n');
            }
        }
        return docs.toString();
    }

    private static void columns(final StringBuilder docs, final String action, final RecordShape shape, final int skipped) {
        ShapeCatalogue.shared().plan(action, shape).ifPresent(plan -> {
            final List<RecordField> fields = plan.schema().getFields();
            docs.append("- ").append(action).append(' ').append(shape.getValue()).append(": ")
                    .append(fields.size() == skipped ? "no columns of its own" : fields(fields.subList(skipped, fields.size()))).append('\n');
        });
    }

    private static String fields(final RecordSchema schema) {
        return fields(schema.getFields());
    }

    private static String fields(final List<RecordField> fields) {
        return fields.stream().map(field -> field.getFieldName() + " (" + type(field.getDataType()) + ")").collect(Collectors.joining(", "));
    }

    private static String type(final DataType type) {
        return switch (type.getFieldType()) {
            case ARRAY -> "array of " + type(((org.apache.nifi.serialization.record.type.ArrayDataType) type).getElementType());
            case MAP -> "map of " + type(((org.apache.nifi.serialization.record.type.MapDataType) type).getValueType());
            default -> type.getFieldType().name().toLowerCase(Locale.ROOT);
        };
    }

    @Test
    void shapesAndColumnsAreTheCatalogues() throws IOException {
        final String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        final int begin = docs.indexOf(BEGIN);
        final int end = docs.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "markers of the generated part in " + DOCS);
        if (Boolean.getBoolean("nifiocr.docs.write")) {
            Files.writeString(DOCS, docs.substring(0, begin + BEGIN.length()) + "\n" + generated() + docs.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated(), docs.substring(begin + BEGIN.length() + 1, end),
                "the reader's shapes and columns differ from ShapeCatalogue: run this test with -Dnifiocr.docs.write=true");
    }

    @Test
    void everyActionOfTheCatalogueIsDocumented() throws IOException {
        final String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        for (final OcrAction action : OcrAction.values()) {
            assertTrue(docs.contains("| " + action.name() + " | " + ShapeCatalogue.shared().auto(action.name()).getValue() + " |"), action.name());
        }
    }
}
