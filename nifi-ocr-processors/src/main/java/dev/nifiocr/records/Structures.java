package dev.nifiocr.records;

import dev.nifiocr.records.AnswerModels.Field;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a structure of an answer is, told from its fields alone, so that a new Action whose answer reuses Tencent's
 * usual structures gets its shapes without a line of code: a recognised line, a table cell, a table, a key/value pair,
 * or a choice (one of several alternatives is present, as SingleInvoiceItem holds one invoice of 25 types).
 */
final class Structures {

    private final AnswerModels models;

    Structures(final AnswerModels models) {
        this.models = models;
    }

    AnswerModels models() {
        return models;
    }

    List<Field> fields(final String structure) {
        return models.structure(structure);
    }

    /** A recognised line: DetectedText (TextDetection, TextDetectionEn, TextArithmetic, WordItem, ...). */
    boolean isLine(final String structure) {
        return has(structure, "DetectedText", "string");
    }

    /** A table cell: its text and grid position (TextTable of TableOCR, TableCellInfo, TableCell). */
    boolean isCell(final String structure) {
        return has(structure, "Text", "string") && has(structure, "RowTl", "int") && has(structure, "ColTl", "int")
                && has(structure, "RowBr", "int") && has(structure, "ColBr", "int");
    }

    /** A table: a list of cells (TableInfo, TableDetectInfo). */
    boolean isTable(final String structure) {
        final Field cells = AnswerModels.field(fields(structure), "Cells");
        return cells != null && cells.isList() && isCell(cells.elementType());
    }

    /**
     * A key/value pair: Name and Value (or Content) strings (TextVatInvoice, StructuralItem, OtherInvoiceItem, ...),
     * KeyName and KeyValue (FieldsInfo), or a Key with AutoName and a Value with AutoContent (ItemInfo).
     */
    boolean isPair(final String structure) {
        if (has(structure, "Name", "string") && (has(structure, "Value", "string") || has(structure, "Content", "string"))) {
            return true;
        }
        if (has(structure, "KeyName", "string") && has(structure, "KeyValue", "string")) {
            return true;
        }
        final Field key = AnswerModels.field(fields(structure), "Key");
        final Field value = AnswerModels.field(fields(structure), "Value");
        return key != null && value != null && has(key.type(), "AutoName", "string") && has(value.type(), "AutoContent", "string");
    }

    /** Holds its text in a Text or DetectedText string (WaybillObj, Element, TableTitle): listed, the texts are joined. */
    boolean hasText(final String structure) {
        return has(structure, "Text", "string") || has(structure, "DetectedText", "string");
    }

    /**
     * A choice: every field a structure, of at least three different types (SingleInvoiceItem: one invoice of 25 types);
     * only the present one is read. Polygon (four Coords) and IDCardInfo (ContentInfos) are plain objects.
     */
    boolean isChoice(final String structure) {
        final List<Field> fields = fields(structure);
        return fields != null && fields.stream().allMatch(field -> !field.isList() && fields(field.type()) != null)
                && fields.stream().map(Field::type).distinct().count() >= 3;
    }

    /** A structure that is none of the special kinds: a business object whose entries are Items. */
    boolean isPlainObject(final String structure) {
        return fields(structure) != null && !isLine(structure) && !isCell(structure) && !isTable(structure) && !isPair(structure);
    }

    /** Whether a field leads, through lists and the lists inside their elements, to structures of a kind. */
    boolean reaches(final Field field, final Predicate<String> kind) {
        return reaches(field, kind, 0);
    }

    private boolean reaches(final Field field, final Predicate<String> kind, final int depth) {
        if (!field.isList() || depth > 4) {
            return false;
        }
        final String element = field.elementType();
        if (fields(element) == null) {
            return false;
        }
        if (kind.test(element)) {
            return true;
        }
        return fields(element).stream().anyMatch(inner -> reaches(inner, kind, depth + 1));
    }

    private boolean has(final String structure, final String name, final String type) {
        final Field field = AnswerModels.field(fields(structure), name);
        return field != null && field.type().equals(type);
    }
}
