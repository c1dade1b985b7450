package dev.nifiocr.records;

import org.apache.nifi.components.DescribedValue;

/** How TencentOCRAnswerReader turns one OCR answer into records. */
public enum RecordShape implements DescribedValue {

    AUTO("Auto", "The natural shape of the Action's answer: Table Rows for tables, Key Values for the structural extraction "
            + "Actions, Items for answers made of repeated business objects (invoices, questions, codes), Fields for cards, "
            + "licences and single documents, Lines for text."),
    LINES("Lines", "One record per recognised line: Page, Line, Text, Confidence and Polygon (its four corners)."),
    FIELDS("Fields", "One record per answer: the answer's scalar fields as columns, nested objects flattened (Parent_Child), "
            + "Name/Value lists as a map, warnings as they come; RequestId and Page."),
    ITEMS("Items", "One record per entry of the answer's repeated business objects: each invoice of RecognizeGeneralInvoice "
            + "(its fields whatever its type), each line item of VatInvoiceOCR, each question of QuestionSplitOCR."),
    TABLE_ROWS("Table Rows", "One record per table row, columns named by the table's first row (its header); Page, Table "
            + "and Row; a cell spanning rows or columns fills each of them."),
    TABLE_CELLS("Table Cells", "One record per table cell, the raw grid: Page, Table, Row, Column, RowSpan, ColumnSpan, Text, "
            + "Type, Confidence."),
    KEY_VALUES("Key Values", "One record per key/value pair (SmartStructuralOCR, ExtractDoc*, VatInvoiceInfos and the other "
            + "Name/Value lists): Page, List, Group, Row, Key, Value, Confidence.");

    private final String label;
    private final String description;

    RecordShape(final String label, final String description) {
        this.label = label;
        this.description = description;
    }

    /** The label, which flows save. */
    @Override
    public String getValue() {
        return label;
    }

    @Override
    public String getDisplayName() {
        return label;
    }

    @Override
    public String getDescription() {
        return description;
    }

    /** The shape of a saved value or label, or null. */
    public static RecordShape of(final String value) {
        for (final RecordShape shape : values()) {
            if (shape.label.equalsIgnoreCase(value) || shape.name().equalsIgnoreCase(value)) {
                return shape;
            }
        }
        return null;
    }
}
