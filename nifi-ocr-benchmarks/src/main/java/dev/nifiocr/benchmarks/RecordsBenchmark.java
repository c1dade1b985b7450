package dev.nifiocr.benchmarks;

import com.bazaarvoice.jolt.Chainr;
import com.bazaarvoice.jolt.JsonUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nifiocr.records.AnswerModels;
import dev.nifiocr.records.AnswerRecordReader;
import dev.nifiocr.records.RecordShape;
import dev.nifiocr.test.Fixtures;
import org.apache.nifi.avro.AvroTypeUtil;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.record.Record;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RecognizeGeneralInvoice answers to one record per invoice, two ways in one run: TencentOCRAnswerReader (Items), and
 * what a flow needs without it, a Jolt shift that flattens the invoices (JoltTransformJSON's library, in-process) and
 * NiFi's JsonTreeReader given the same schema. Both yield the same records; the peer's values are checked against ours.
 * Interleaved rounds on the calling thread; records/s from its CPU time and wall time, heap as bytes it allocated per
 * FlowFile (ThreadMXBean), for Tencent's documented answer (one invoice) and for a page of 200 invoices.
 *
 * <pre>java -cp nifi-ocr-benchmarks/target/benchmarks.jar dev.nifiocr.benchmarks.RecordsBenchmark [rounds]</pre>
 */
public final class RecordsBenchmark {

    private static final String ACTION = "RecognizeGeneralInvoice";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RecordsBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final byte[] documented = Fixtures.bytes(ACTION + "-1.json");
        final RecordSchema schema = ours(documented).getFirst().getSchema();
        final Chainr jolt = Chainr.fromSpec(JsonUtils.jsonToList(joltSpec(schema)));
        final TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        final JsonTreeReader jsonTreeReader = new JsonTreeReader();
        runner.addControllerService("json", jsonTreeReader);
        runner.setProperty(jsonTreeReader, "schema-access-strategy", "schema-text-property");
        runner.setProperty(jsonTreeReader, "schema-text", AvroTypeUtil.extractAvroSchema(schema).toString());
        runner.enableControllerService(jsonTreeReader);
        final Peer peer = answer -> {
            final Object flattened = jolt.transform(JsonUtils.jsonToObject(new ByteArrayInputStream(answer)));
            final byte[] json = JsonUtils.toJsonString(flattened).getBytes(StandardCharsets.UTF_8);
            final List<Record> records = new ArrayList<>();
            try (RecordReader reader = jsonTreeReader.createRecordReader(Map.of(), new ByteArrayInputStream(json), json.length, runner.getLogger())) {
                Record record;
                while ((record = reader.nextRecord()) != null) {
                    records.add(record);
                }
            }
            return records;
        };

        System.out.printf("RecordsBenchmark: %s answers to one record per invoice (%d columns), JDK %s, %d interleaved rounds, medians%n",
                ACTION, schema.getFieldCount(), Runtime.version(), rounds);
        System.out.println("| Answer | Reader | Records/s (CPU) | Records/s (wall) | Heap allocated per FlowFile | Same records |");
        System.out.println("|---|---|---|---|---|---|");
        for (final int invoices : new int[] {1, 200}) {
            final byte[] answer = invoices == 1 ? documented : withInvoices(documented, invoices);
            final int flowFiles = Math.max(20, 4000 / invoices);
            final String mismatch = compare(ours(answer), peer.read(answer));
            final List<double[]> oursRounds = new ArrayList<>();
            final List<double[]> peerRounds = new ArrayList<>();
            measure(RecordsBenchmark::ours, answer, flowFiles * 2);
            measure(peer, answer, flowFiles * 2);
            for (int round = 0; round < rounds; round++) {
                oursRounds.add(measure(RecordsBenchmark::ours, answer, flowFiles));
                peerRounds.add(measure(peer, answer, flowFiles));
            }
            final String label = invoices == 1 ? "documented (1 invoice, %d KB)".formatted(answer.length / 1024)
                    : "%d invoices (%d KB)".formatted(invoices, answer.length / 1024);
            final double[] o = median(oursRounds);
            final double[] p = median(peerRounds);
            System.out.printf("| %s | TencentOCRAnswerReader (Items) | %,.0f | %,.0f | %,.0f KB | %s |%n", label, o[0], o[1], o[2] / 1024, mismatch);
            System.out.printf("| %s | Jolt + JsonTreeReader | %,.0f | %,.0f | %,.0f KB | |%n", label, p[0], p[1], p[2] / 1024);
            System.out.printf("| %s | ratio (ours / peer) | %.2fx | %.2fx | %.2fx | |%n", label, o[0] / p[0], o[1] / p[1], o[2] / p[2]);
        }
    }

    @FunctionalInterface
    private interface Peer {
        List<Record> read(byte[] answer) throws Exception;
    }

    private static List<Record> ours(final byte[] answer) throws Exception {
        final List<Record> records = new ArrayList<>();
        try (AnswerRecordReader reader = AnswerRecordReader.of(ACTION, RecordShape.ITEMS, null, new ByteArrayInputStream(answer))) {
            Record record;
            while ((record = reader.nextRecord()) != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** CPU records/s, wall records/s and bytes allocated per FlowFile over the FlowFiles given. */
    private static double[] measure(final Peer reader, final byte[] answer, final int flowFiles) throws Exception {
        final long thread = Thread.currentThread().threadId();
        final long allocated = THREADS.getThreadAllocatedBytes(thread);
        final long cpu = THREADS.getCurrentThreadCpuTime();
        final long wall = System.nanoTime();
        long records = 0;
        for (int i = 0; i < flowFiles; i++) {
            records += reader.read(answer).size();
        }
        final double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        final double wallSeconds = (System.nanoTime() - wall) / 1e9;
        return new double[] {records / cpuSeconds, records / wallSeconds, (THREADS.getThreadAllocatedBytes(thread) - allocated) / (double) flowFiles};
    }

    private static double[] median(final List<double[]> rounds) {
        final double[] median = new double[rounds.getFirst().length];
        for (int i = 0; i < median.length; i++) {
            final int column = i;
            final double[] values = rounds.stream().mapToDouble(round -> round[column]).sorted().toArray();
            median[i] = values[values.length / 2];
        }
        return median;
    }

    /** The documented answer with its invoice repeated, each with its own number, as a page of many receipts reads. */
    private static byte[] withInvoices(final byte[] documented, final int invoices) throws Exception {
        final ObjectNode root = (ObjectNode) MAPPER.readTree(documented);
        final ArrayNode items = (ArrayNode) root.at("/Response/MixedInvoiceItems");
        final ObjectNode first = (ObjectNode) items.get(0);
        items.removeAll();
        for (int i = 0; i < invoices; i++) {
            final ObjectNode item = first.deepCopy();
            ((ObjectNode) item.at("/SingleInvoiceInfos/VatSpecialInvoice")).put("Number", Integer.toString(14998456 + i));
            items.add(item);
        }
        return MAPPER.writeValueAsBytes(root);
    }

    /**
     * The Jolt shift a user would write for these records: each column of our schema from its place in the item
     * (Polygon_LeftTop_X from Polygon.LeftTop.X) or in whichever invoice type SingleInvoiceInfos holds.
     */
    static String joltSpec(final RecordSchema schema) throws Exception {
        final Set<String> itemFields = AnswerModels.shared().structure("InvoiceItem").stream().map(AnswerModels.Field::name).collect(Collectors.toSet());
        final Map<String, Object> item = new LinkedHashMap<>();
        for (final String column : schema.getFieldNames()) {
            if (column.equals("Page") || column.equals("Item") || column.equals("SingleInvoiceInfosKind")) {
                continue;
            }
            final List<String> path = new ArrayList<>(Arrays.asList(column.split("_")));
            if (!itemFields.contains(path.getFirst()) || path.getFirst().equals("SingleInvoiceInfos")) {
                if (path.getFirst().equals("SingleInvoiceInfos")) {
                    path.removeFirst();
                }
                path.addAll(0, List.of("SingleInvoiceInfos", "*"));
            }
            put(item, path, "[&" + path.size() + "]." + column);
        }
        final Map<String, Object> spec = Map.of("operation", "shift", "spec", Map.of("Response", Map.of("MixedInvoiceItems", Map.of("*", item))));
        return MAPPER.writeValueAsString(List.of(spec));
    }

    @SuppressWarnings("unchecked")
    private static void put(final Map<String, Object> spec, final List<String> path, final String target) {
        Map<String, Object> level = spec;
        for (int i = 0; i < path.size() - 1; i++) {
            level = (Map<String, Object>) level.computeIfAbsent(path.get(i), key -> new LinkedHashMap<String, Object>());
        }
        level.put(path.getLast(), target);
    }

    /** "yes" when both readers give the same values in every column Jolt fills (all but Page, Item and the invoice kind). */
    private static String compare(final List<Record> ours, final List<Record> peer) {
        if (ours.size() != peer.size()) {
            return "no: " + ours.size() + " vs " + peer.size() + " records";
        }
        int values = 0;
        for (int i = 0; i < ours.size(); i++) {
            for (final String field : ours.get(i).getSchema().getFieldNames()) {
                if (Set.of("Page", "Item", "SingleInvoiceInfosKind").contains(field)) {
                    continue;
                }
                final Object mine = normal(ours.get(i).getValue(field));
                final Object theirs = normal(peer.get(i).getValue(field));
                if (!Objects.equals(mine, theirs)) {
                    return "no: " + field + " " + mine + " vs " + theirs;
                }
                values += mine == null ? 0 : 1;
            }
        }
        return "yes (" + values / ours.size() + " values a record)";
    }

    private static Object normal(final Object value) {
        return value instanceof Object[] array ? Arrays.asList(array) : value;
    }
}
