package dev.nifiocr.records;

import dev.nifiocr.processors.OcrAttributes;
import dev.nifiocr.test.Fixtures;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader as NiFi runs it: enabled in a TestRunner, the Action and page from FlowFile attributes, bad input refused. */
class TencentOCRAnswerReaderTest {

    private TestRunner runner;
    private TencentOCRAnswerReader reader;

    @BeforeEach
    void enable() throws Exception {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        reader = new TencentOCRAnswerReader();
        runner.addControllerService("reader", reader);
    }

    private List<Record> read(final Map<String, String> attributes, final byte[] content) throws Exception {
        final List<Record> records = new ArrayList<>();
        try (RecordReader recordReader = reader.createRecordReader(attributes, new ByteArrayInputStream(content), content.length, runner.getLogger())) {
            Record record;
            while ((record = recordReader.nextRecord()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void autoReadsEachInvoiceOfRecognizeGeneralInvoiceWithItsPage() throws Exception {
        runner.enableControllerService(reader);
        final List<Record> invoices = read(Map.of("tencent.ocr.action", "RecognizeGeneralInvoice", "tencent.ocr.page.number", "3"),
                Fixtures.bytes("RecognizeGeneralInvoice-1.json"));
        assertEquals(1, invoices.size());
        final Record invoice = invoices.getFirst();
        assertEquals(3L, invoice.getValue("Page"));
        assertEquals("VatSpecialInvoice", invoice.getValue("SingleInvoiceInfosKind"));
        assertEquals("14998456", invoice.getValue("Number"));
        assertEquals("825.15", invoice.getValue("Total"));
        assertEquals("深圳市游戏科技有限公司", invoice.getValue("Seller"));
        assertEquals("4403152130", invoice.getValue("SingleInvoiceInfos_Code"), "the invoice code beside the item's own Code (OK)");
        assertEquals("OK", invoice.getValue("Code"));
    }

    @Test
    void linesOfGeneralBasicOcrWithPolygons() throws Exception {
        runner.setProperty(reader, TencentOCRAnswerReader.RECORD_SHAPE, RecordShape.LINES.getValue());
        runner.enableControllerService(reader);
        final List<Record> lines = read(Map.of("tencent.ocr.action", "GeneralBasicOCR"), Fixtures.bytes("GeneralBasicOCR-1.json"));
        final var detections = Fixtures.json("GeneralBasicOCR-1.json").at("/Response/TextDetections");
        assertEquals(detections.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(detections.get(i).get("DetectedText").asText(), lines.get(i).getValue("Text"));
            assertEquals((long) i + 1, lines.get(i).getValue("Line"));
            assertNull(lines.get(i).getValue("Page"));
            final Record polygon = (Record) lines.get(i).getValue("Polygon");
            assertEquals(detections.get(i).at("/Polygon/2/X").asLong(), polygon.getValue("X3"));
        }
    }

    @Test
    void tableRowsNamedByTheHeaderRow() throws Exception {
        runner.setProperty(reader, TencentOCRAnswerReader.OCR_ACTION, "RecognizeTableOCR");
        runner.enableControllerService(reader);
        final byte[] table = """
                {"Response": {"TableDetections": [{"Type": 1, "Cells": [
                  {"RowTl": 0, "RowBr": 1, "ColTl": 0, "ColBr": 3, "Text": "Invoices 2026", "Type": "body", "Confidence": 99},
                  {"RowTl": 1, "RowBr": 2, "ColTl": 0, "ColBr": 1, "Text": "Number", "Type": "body", "Confidence": 99},
                  {"RowTl": 1, "RowBr": 2, "ColTl": 1, "ColBr": 2, "Text": "Total", "Type": "body", "Confidence": 99},
                  {"RowTl": 1, "RowBr": 2, "ColTl": 2, "ColBr": 3, "Text": "Row", "Type": "body", "Confidence": 99},
                  {"RowTl": 2, "RowBr": 4, "ColTl": 0, "ColBr": 1, "Text": "A-1", "Type": "body", "Confidence": 99},
                  {"RowTl": 2, "RowBr": 3, "ColTl": 1, "ColBr": 2, "Text": "10.00", "Type": "body", "Confidence": 99},
                  {"RowTl": 3, "RowBr": 4, "ColTl": 1, "ColBr": 3, "Text": "20.00", "Type": "body", "Confidence": 99}
                ]}], "RequestId": "r"}}""".getBytes(StandardCharsets.UTF_8);
        final List<Record> rows = read(Map.of(), table);
        assertEquals(2, rows.size());
        assertEquals(List.of("Page", "Table", "Row", "Number", "Total", "Row_2"), rows.getFirst().getSchema().getFieldNames());
        assertEquals("A-1", rows.get(0).getValue("Number"));
        assertEquals("10.00", rows.get(0).getValue("Total"));
        assertNull(rows.get(0).getValue("Row_2"));
        assertEquals("A-1", rows.get(1).getValue("Number"), "a cell spanning two rows fills both");
        assertEquals("20.00", rows.get(1).getValue("Row_2"), "a cell spanning two columns fills both");
        assertEquals(2L, rows.get(1).getValue("Row"));
    }

    @Test
    void keyValuesOfExtractDocGroups() throws Exception {
        runner.setProperty(reader, TencentOCRAnswerReader.RECORD_SHAPE, RecordShape.AUTO.getValue());
        runner.enableControllerService(reader);
        final List<Record> pairs = read(Map.of("tencent.ocr.action", "ExtractDocMulti"), Fixtures.bytes("ExtractDocMulti-1.json"));
        final var lines = Fixtures.json("ExtractDocMulti-1.json").at("/Response/StructuralList").findValues("Lines");
        assertEquals(lines.stream().mapToInt(list -> list.size()).sum(), pairs.size());
        assertTrue(pairs.stream().allMatch(pair -> pair.getValue("Key") != null && pair.getValue("Group") != null), pairs.toString());
    }

    @Test
    void badInputFailsWithTheActionAndShapeNamed() throws Exception {
        runner.enableControllerService(reader);
        final Map<String, String> invoice = Map.of("tencent.ocr.action", "RecognizeGeneralInvoice");
        assertTrue(assertThrows(MalformedRecordException.class, () -> read(invoice, "recognised text".getBytes(StandardCharsets.UTF_8))).getMessage()
                .startsWith("RecognizeGeneralInvoice answer as Items: the content is not JSON, so not a Tencent OCR answer (was the Output Format Text?): "));
        assertEquals("RecognizeGeneralInvoice answer as Items: the content is not a JSON object, so not a Tencent OCR answer",
                assertThrows(MalformedRecordException.class, () -> read(invoice, "[1, 2]".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertTrue(assertThrows(MalformedRecordException.class, () -> read(invoice, Fixtures.bytes("error-FailedOperation.ImageNoText.json"))).getMessage()
                .contains("Tencent answered error FailedOperation.ImageNoText"));
        final byte[] truncated = java.util.Arrays.copyOf(Fixtures.bytes("RecognizeGeneralInvoice-1.json"), 2000);
        assertTrue(assertThrows(MalformedRecordException.class, () -> read(invoice, truncated)).getMessage().startsWith("RecognizeGeneralInvoice answer as Items: "));
        final byte[] wrongType = "{\"Response\": {\"MixedInvoiceItems\": [{\"Type\": \"three\"}], \"RequestId\": \"r\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals("RecognizeGeneralInvoice answer as Items: MixedInvoiceItems[0].Type is \"three\", not an integer as Tencent's answer model declares",
                assertThrows(MalformedRecordException.class, () -> read(invoice, wrongType)).getMessage());
        assertEquals("No OCR Action for this content: it has no tencent.ocr.action attribute; set the reader's OCR Action to the Action whose answers it reads",
                assertThrows(SchemaNotFoundException.class, () -> read(Map.of(), Fixtures.bytes("RecognizeGeneralInvoice-1.json"))).getMessage());
        assertTrue(assertThrows(SchemaNotFoundException.class, () -> read(Map.of("tencent.ocr.action", "NoSuchOCR"), new byte[0])).getMessage()
                .startsWith("No answer model for OCR Action 'NoSuchOCR'"));
    }

    @Test
    void aShapeTheActionLacksIsASchemaError() throws Exception {
        runner.setProperty(reader, TencentOCRAnswerReader.RECORD_SHAPE, RecordShape.TABLE_ROWS.getValue());
        runner.enableControllerService(reader);
        assertEquals("RecognizeGeneralInvoice answers have no Table Rows shape; they have [Fields, Items]",
                assertThrows(SchemaNotFoundException.class, () -> read(Map.of("tencent.ocr.action", "RecognizeGeneralInvoice"),
                        Fixtures.bytes("RecognizeGeneralInvoice-1.json"))).getMessage());
    }

    @Test
    void readsTheAttributesTheProcessorsWrite() {
        assertEquals(OcrAttributes.ACTION, TencentOCRAnswerReader.ACTION_ATTRIBUTE);
        assertEquals(OcrAttributes.PAGE_NUMBER, TencentOCRAnswerReader.PAGE_NUMBER_ATTRIBUTE);
    }

    @Test
    void aFixedActionMustBeACurrentOne() {
        runner.setProperty(reader, TencentOCRAnswerReader.OCR_ACTION, "TaxiInvoiceOCR");
        runner.assertNotValid(reader);
        runner.setProperty(reader, TencentOCRAnswerReader.OCR_ACTION, "VatInvoiceOCR");
        runner.assertValid(reader);
    }
}
