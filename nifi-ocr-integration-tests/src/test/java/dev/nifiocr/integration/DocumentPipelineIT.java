package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.emulator.TextPdf;
import dev.nifiocr.rig.ExampleFlows;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's "done when" in a real NiFi 2.3.0 against the emulator: a 40-page PDF goes SplitDocument -> InvokeTencentOCR
 * (GeneralBasicOCR, Output Format Text) -> MergeContent (Defragment) and comes out as one text with its 40 pages in order;
 * pages with a text layer are not sent, a page that fails once is retried alone; and the asynchronous pair follows
 * document jobs to their whole, multi-page result while the account is at its limit of concurrent jobs.
 * The emulator answers from each page's own text layer (canned answers, no OCR engine), so every page's text is known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentPipelineIT {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String SECRET_ID = "AKIDdocuments00000000000000000000000";
    private static final String SECRET_KEY = "documents-secret-key";
    private static final String SERVICE_TYPE = "dev.nifiocr.service.StandardTencentCloudClientService";
    private static final String DEMARCATOR = "\n=====page=====\n";
    /** What the example flow writes between pages. */
    private static final String PAGE_BREAK = "\n--- page break ---\n";
    private static final int PAGES = 40;
    /** Pages whose text layer is a scanner's stamp, too short to trust: they go to OCR. */
    private static final int SCANNED_EVERY = 4;
    private static final int FAILING_ONCE_PAGE = 20;

    private NiFiRig nifi;
    private NiFiRestClient rest;
    private TencentOcrEmulator emulator;
    private String root;
    private String serviceId;

    @BeforeAll
    void startNiFiAndEmulator() throws Exception {
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
        emulator.exampleAnswersOnly(true);
        nifi = NiFiRig.start(Path.of(System.getProperty("nifi.rig.directory", "target/nifi")), NiFiRig.freePort(), Duration.ofMinutes(3));
        rest = nifi.client();
        root = rest.rootGroupId();
        final Map<String, String> properties = new HashMap<>();
        properties.put("Secret ID", SECRET_ID);
        properties.put("Secret Key", SECRET_KEY);
        properties.put("Endpoint", emulator.endpoint());
        properties.put("Rate Limit per Account", "50");
        serviceId = rest.createControllerService(root, SERVICE_TYPE, "Tencent Cloud", properties);
        rest.enableControllerService(serviceId, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (nifi != null) {
            nifi.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @Order(1)
    void fortyPagesComeBackAsOneTextInPageOrderWithOnlyTheScannedPagesSentAndTheFailedOneRetriedAlone() throws Exception {
        final Connectable documents = rest.createPort(root, true, "documents", 0, 0);
        final Connectable merged = rest.createPort(root, false, "merged", 0, 800);
        final Connectable failure = rest.createPort(root, false, "failure", 600, 800);
        final Connectable split = rest.createProcessor(root, "dev.nifiocr.processors.SplitDocument", "SplitDocument",
                Map.of("Use Text Layer", "true", "Minimum Text Layer Characters", "40"), List.of("original"), 0, 200);
        final Connectable invoke = rest.createProcessor(root, "dev.nifiocr.processors.InvokeTencentOCR", "InvokeTencentOCR",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "GeneralBasicOCR", "Output Format", "Text"),
                List.of("original"), 300, 400);
        final Connectable merge = rest.createProcessor(root, "org.apache.nifi.processors.standard.MergeContent", "MergeContent",
                Map.of("Merge Strategy", "Defragment", "Delimiter Strategy", "Text", "Demarcator File", DEMARCATOR),
                List.of("original"), 0, 600);
        rest.connect(documents, split, List.of());
        rest.connect(split, invoke, List.of("splits"));
        rest.connect(split, merge, List.of("text layer"));
        rest.connect(split, failure, List.of("failure"));
        rest.connect(invoke, merge, List.of("success"));
        rest.connect(invoke, invoke, List.of("retry"));
        rest.connect(invoke, failure, List.of("failure"));
        rest.connect(merge, merged, List.of("merged"));
        rest.connect(merge, failure, List.of("failure"));
        for (final Connectable processor : List.of(split, invoke, merge)) {
            assertEquals("VALID", rest.validationStatus(processor.id(), Duration.ofSeconds(30)), rest.processor(processor.id()).toString());
        }
        final long sentBefore = emulator.calls("GeneralBasicOCR success");
        final long faultsBefore = emulator.calls("GeneralBasicOCR InternalError");
        rest.setGroupState(root, "RUNNING");

        SiteToSite.send(nifi.baseUrl(), documents.id(), List.of(pdf("contract")), List.of(Map.of("filename", "contract.pdf")));
        final List<SiteToSite.Received> out = receive(merged.id(), 1, Duration.ofSeconds(120));
        rest.setGroupState(root, "STOPPED");

        assertEquals("contract.pdf", out.getFirst().attributes().get("filename"));
        final String[] pages = new String(out.getFirst().content(), StandardCharsets.UTF_8).split(Pattern.quote(DEMARCATOR), -1);
        assertEquals(PAGES, pages.length);
        for (int number = 1; number <= PAGES; number++) {
            assertEquals(String.join("\n", text("contract", number)), pages[number - 1].strip(), "page " + number);
        }
        final long scanned = PAGES / SCANNED_EVERY;
        assertEquals(scanned, emulator.calls("GeneralBasicOCR success") - sentBefore, "only the pages without a usable text layer were sent");
        assertEquals(1, emulator.calls("GeneralBasicOCR InternalError") - faultsBefore, "the failing page failed once and was retried alone");
        final Map<String, Long> counters = rest.counters();
        assertEquals(PAGES - scanned, counters.get("Pages Read from Text Layer"));
        assertEquals(scanned, counters.get("Pages Split"));
        assertEquals(scanned + 1, counters.get("GeneralBasicOCR Requests Sent"));
    }

    @Test
    @Order(2)
    void asyncJobsRunToTheirWholeMultiPageResultWaitingAtTheConcurrentJobLimit() throws Exception {
        emulator.asyncJobs().concurrentJobLimit(1);
        final Connectable documents = rest.createPort(root, true, "long documents", 1200, 0);
        final Connectable results = rest.createPort(root, false, "job results", 1200, 800);
        final Connectable failure = rest.createPort(root, false, "job failure", 1600, 800);
        final Connectable submit = rest.createProcessor(root, "dev.nifiocr.processors.SubmitTencentOCRJob", "SubmitTencentOCRJob",
                Map.of("Tencent Cloud Client Service", serviceId, "Request Parameters", "{\"ItemNames\": [{\"KeyName\": \"Body\"}]}"), List.of(), 1200, 200);
        final Connectable status = rest.createProcessor(root, "dev.nifiocr.processors.GetTencentOCRJobStatus", "GetTencentOCRJobStatus",
                Map.of("Tencent Cloud Client Service", serviceId), List.of(), 1200, 500);
        rest.connect(documents, submit, List.of());
        rest.connect(submit, status, List.of("success"));
        rest.connect(submit, submit, List.of("retry"));
        rest.connect(submit, failure, List.of("failure"));
        rest.connect(status, status, List.of("running", "retry"));
        rest.connect(status, results, List.of("success"));
        rest.connect(status, failure, List.of("failure"));
        for (final Connectable processor : List.of(submit, status)) {
            assertEquals("VALID", rest.validationStatus(processor.id(), Duration.ofSeconds(30)), rest.processor(processor.id()).toString());
        }
        rest.setGroupState(root, "RUNNING");

        final List<byte[]> documentsSent = List.of(jobDocument("A", 3), jobDocument("B", 2), jobDocument("C", 4));
        SiteToSite.send(nifi.baseUrl(), documents.id(), documentsSent, List.of(Map.of("filename", "A.pdf"), Map.of("filename", "B.pdf"), Map.of("filename", "C.pdf")));
        final List<SiteToSite.Received> out = receive(results.id(), 3, Duration.ofSeconds(120));
        rest.setGroupState(root, "STOPPED");

        for (final SiteToSite.Received result : out) {
            final String name = result.attributes().get("filename").substring(0, 1);
            final int pages = Map.of("A", 3, "B", 2, "C", 4).get(name);
            assertEquals("DONE", result.attributes().get("tencent.ocr.job.status"));
            final JsonNode answer = OBJECT_MAPPER.readTree(result.content());
            final List<String> values = new ArrayList<>();
            answer.at("/Response/StructuralList/0/Groups/0/Lines").forEach(line -> values.add(line.at("/Value/PageIndex").asText() + ": "
                    + line.at("/Value/AutoContent").asText()));
            final List<String> expected = new ArrayList<>();
            for (int page = 1; page <= pages; page++) {
                expected.add(page + ": Document " + name + ", page " + page);
            }
            assertEquals(expected, values, "every page of " + name);
        }
        assertTrue(emulator.calls("SubmitExtractDocAgentJob RequestLimitExceeded") > 0, "some submits met the concurrent-job limit and waited");
        assertEquals(3, emulator.calls("SubmitExtractDocAgentJob success"));
        assertEquals(9, emulator.calls("DescribeExtractDocAgentJob success"), "WAIT, RUN, DONE for each job");
    }

    /** templates/ocr-pdfs-to-text.json imported and run as a user would: a folder of PDFs in, one .txt per document out. */
    /** Last: it runs in its own process group, which the other tests' starts of the root group would include. */
    @Test
    @Order(3)
    void theExampleFlowWritesOneTextPerPdfInPageOrder(@TempDir final Path folders) throws Exception {
        final Path input = Files.createDirectories(folders.resolve("in"));
        final Path text = folders.resolve("text");
        final Path errors = folders.resolve("errors");
        Files.write(input.resolve("report.pdf"), pdf("report"));
        Files.write(input.resolve("letter.pdf"), pdf(List.of(List.of("Dear reader, this letter was typed by software for the flow"),
                List.of("Scan of a signature"))));
        Files.writeString(input.resolve("notes.pdf"), "not a PDF at all");
        final long faultsBefore = emulator.calls("GeneralBasicOCR InternalError");

        final String group = ExampleFlows.start(rest, Path.of(System.getProperty("nifi.rig.templates", "../templates"), "ocr-pdfs-to-text.json"),
                "OCR Folder of PDFs to Text", new ExampleFlows.Folders(input, text, errors),
                new ExampleFlows.Tencent(emulator.endpoint(), SECRET_ID, SECRET_KEY), Map.of("Minimum Text Layer Characters", "40"), Set.of());
        final Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && (count(text) < 2 || count(errors) < 2)) {
            Thread.sleep(500);
        }
        rest.setGroupState(group, "STOPPED");

        assertEquals(2, count(text), "text files; bulletins: " + rest.bulletins());
        final String[] pages = Files.readString(text.resolve("report.txt")).split(Pattern.quote(PAGE_BREAK), -1);
        assertEquals(PAGES, pages.length);
        for (int number = 1; number <= PAGES; number++) {
            assertEquals(String.join("\n", text("report", number)), pages[number - 1].strip(), "page " + number);
        }
        assertEquals("Dear reader, this letter was typed by software for the flow" + PAGE_BREAK + "Scan of a signature",
                Files.readString(text.resolve("letter.txt")).strip());
        assertEquals(1, emulator.calls("GeneralBasicOCR InternalError") - faultsBefore, "the failing page failed once and was retried alone");
        assertEquals("Client.UnsupportedDocument", OBJECT_MAPPER.readTree(errors.resolve("notes.pdf.error.json").toFile())
                .get("tencent.ocr.error.code").asText());
    }

    private static long count(final Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }

    private List<SiteToSite.Received> receive(final String port, final int expected, final Duration timeout) throws Exception {
        final List<SiteToSite.Received> received = new ArrayList<>();
        final Instant deadline = Instant.now().plus(timeout);
        while (received.size() < expected && Instant.now().isBefore(deadline)) {
            received.addAll(SiteToSite.receive(nifi.baseUrl(), port));
            Thread.sleep(500);
        }
        assertEquals(expected, received.size(), "FlowFiles on " + port + "; bulletins: " + rest.bulletins());
        return received;
    }

    /** The lines of page number: typed pages carry a long text layer, scanned ones only a stamp (and one a fault marker). */
    private static List<String> text(final String document, final int number) {
        if (number == FAILING_ONCE_PAGE) {
            return List.of("FAULT-ONCE:InternalError", "Scan " + number + " " + document);
        }
        return number % SCANNED_EVERY == 0 ? List.of("Scan " + number + " " + document)
                : List.of("Page " + number + " of the " + document + ", typed by software and long enough to trust");
    }

    /** A 40-page PDF whose every page has its own known text. */
    private static byte[] pdf(final String document) throws IOException {
        final List<List<String>> pages = new ArrayList<>();
        for (int number = 1; number <= PAGES; number++) {
            pages.add(text(document, number));
        }
        return pdf(pages);
    }

    private static byte[] jobDocument(final String name, final int pages) throws IOException {
        final List<List<String>> texts = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            texts.add(List.of("Document " + name + ", page " + page));
        }
        return pdf(texts);
    }

    private static byte[] pdf(final List<List<String>> pages) throws IOException {
        return TextPdf.of(pages);
    }
}
