package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.emulator.TextPdf;
import dev.nifiocr.rig.ExampleFlows;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final String DEMARCATOR = "\n=====page=====\n";
    /** What the example flow writes between pages. */
    private static final String PAGE_BREAK = "\n--- page break ---\n";
    private static final int PAGES = 40;
    /** Pages whose text layer is a scanner's stamp, too short to trust: they go to OCR. */
    private static final int SCANNED_EVERY = 4;
    private static final int FAILING_ONCE_PAGE = 20;

    @RegisterExtension
    static final NiFiFixture nifi = new NiFiFixture();

    private String serviceId;

    @BeforeAll
    void createTheClientService() throws Exception {
        nifi.emulator().exampleAnswersOnly(true);
        serviceId = nifi.service("Tencent Cloud", Map.of("Rate Limit per Account", "50"));
    }

    @Test
    @Order(1)
    void fortyPagesComeBackAsOneTextInPageOrderWithOnlyTheScannedPagesSentAndTheFailedOneRetriedAlone() throws Exception {
        final Connectable documents = nifi.rest().createPort(nifi.root(), true, "documents", 0, 0);
        final Connectable merged = nifi.rest().createPort(nifi.root(), false, "merged", 0, 800);
        final Connectable failure = nifi.rest().createPort(nifi.root(), false, "failure", 600, 800);
        final Connectable split = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.SplitDocument", "SplitDocument",
                Map.of("Use Text Layer", "true", "Minimum Text Layer Characters", "40"), List.of("original"), 0, 200);
        final Connectable invoke = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.InvokeTencentOCR", "InvokeTencentOCR",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "GeneralBasicOCR", "Output Format", "Text"),
                List.of("original"), 300, 400);
        final Connectable merge = nifi.rest().createProcessor(nifi.root(), "org.apache.nifi.processors.standard.MergeContent", "MergeContent",
                Map.of("Merge Strategy", "Defragment", "Delimiter Strategy", "Text", "Demarcator File", DEMARCATOR),
                List.of("original"), 0, 600);
        nifi.rest().connect(documents, split, List.of());
        nifi.rest().connect(split, invoke, List.of("splits"));
        nifi.rest().connect(split, merge, List.of("text layer"));
        nifi.rest().connect(split, failure, List.of("failure"));
        nifi.rest().connect(invoke, merge, List.of("success"));
        nifi.rest().connect(invoke, invoke, List.of("retry"));
        nifi.rest().connect(invoke, failure, List.of("failure"));
        nifi.rest().connect(merge, merged, List.of("merged"));
        nifi.rest().connect(merge, failure, List.of("failure"));
        for (final Connectable processor : List.of(split, invoke, merge)) {
            assertEquals("VALID", nifi.rest().validationStatus(processor.id(), Duration.ofSeconds(30)), nifi.rest().processor(processor.id()).toString());
        }
        final long sentBefore = nifi.emulator().calls("GeneralBasicOCR success");
        final long faultsBefore = nifi.emulator().calls("GeneralBasicOCR InternalError");
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        nifi.send(documents, List.of(pdf("contract")), List.of(Map.of("filename", "contract.pdf")));
        final List<SiteToSite.Received> out = nifi.collect(merged, 1, Duration.ofSeconds(120));
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        assertEquals("contract.pdf", out.getFirst().attributes().get("filename"));
        final String[] pages = new String(out.getFirst().content(), StandardCharsets.UTF_8).split(Pattern.quote(DEMARCATOR), -1);
        assertEquals(PAGES, pages.length);
        for (int number = 1; number <= PAGES; number++) {
            assertEquals(String.join("\n", text("contract", number)), pages[number - 1].strip(), "page " + number);
        }
        final long scanned = PAGES / SCANNED_EVERY;
        assertEquals(scanned, nifi.emulator().calls("GeneralBasicOCR success") - sentBefore, "only the pages without a usable text layer were sent");
        assertEquals(1, nifi.emulator().calls("GeneralBasicOCR InternalError") - faultsBefore, "the failing page failed once and was retried alone");
        final Map<String, Long> counters = nifi.rest().counters();
        assertEquals(PAGES - scanned, counters.get("Pages Read from Text Layer"));
        assertEquals(scanned, counters.get("Pages Split"));
        assertEquals(scanned + 1, counters.get("GeneralBasicOCR Requests Sent"));
    }

    @Test
    @Order(2)
    void asyncJobsRunToTheirWholeMultiPageResultWaitingAtTheConcurrentJobLimit() throws Exception {
        nifi.emulator().asyncJobs().concurrentJobLimit(1);
        final Connectable documents = nifi.rest().createPort(nifi.root(), true, "long documents", 1200, 0);
        final Connectable results = nifi.rest().createPort(nifi.root(), false, "job results", 1200, 800);
        final Connectable failure = nifi.rest().createPort(nifi.root(), false, "job failure", 1600, 800);
        final Connectable submit = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.SubmitTencentOCRJob", "SubmitTencentOCRJob",
                Map.of("Tencent Cloud Client Service", serviceId, "Request Parameters", "{\"ItemNames\": [{\"KeyName\": \"Body\"}]}"), List.of(), 1200, 200);
        final Connectable status = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.GetTencentOCRJobStatus", "GetTencentOCRJobStatus",
                Map.of("Tencent Cloud Client Service", serviceId), List.of(), 1200, 500);
        nifi.rest().connect(documents, submit, List.of());
        nifi.rest().connect(submit, status, List.of("success"));
        nifi.rest().connect(submit, submit, List.of("retry"));
        nifi.rest().connect(submit, failure, List.of("failure"));
        nifi.rest().connect(status, status, List.of("running", "retry"));
        nifi.rest().connect(status, results, List.of("success"));
        nifi.rest().connect(status, failure, List.of("failure"));
        for (final Connectable processor : List.of(submit, status)) {
            assertEquals("VALID", nifi.rest().validationStatus(processor.id(), Duration.ofSeconds(30)), nifi.rest().processor(processor.id()).toString());
        }
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        final List<byte[]> documentsSent = List.of(jobDocument("A", 3), jobDocument("B", 2), jobDocument("C", 4));
        nifi.send(documents, documentsSent, List.of(Map.of("filename", "A.pdf"), Map.of("filename", "B.pdf"), Map.of("filename", "C.pdf")));
        final List<SiteToSite.Received> out = nifi.collect(results, 3, Duration.ofSeconds(120));
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

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
        assertTrue(nifi.emulator().calls("SubmitExtractDocAgentJob RequestLimitExceeded") > 0, "some submits met the concurrent-job limit and waited");
        assertEquals(3, nifi.emulator().calls("SubmitExtractDocAgentJob success"));
        assertEquals(9, nifi.emulator().calls("DescribeExtractDocAgentJob success"), "WAIT, RUN, DONE for each job");
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
        final long faultsBefore = nifi.emulator().calls("GeneralBasicOCR InternalError");

        final String group = ExampleFlows.start(nifi.rest(), NiFiFixture.TEMPLATES.resolve("ocr-pdfs-to-text.json"),
                "OCR Folder of PDFs to Text", new ExampleFlows.Folders(input, text, errors),
                nifi.tencent(), Map.of("Minimum Text Layer Characters", "40"), Set.of());
        final Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && (NiFiFixture.files(text) < 2 || NiFiFixture.files(errors) < 2)) {
            Thread.sleep(500);
        }
        nifi.rest().setGroupState(group, "STOPPED");

        assertEquals(2, NiFiFixture.files(text), "text files; bulletins: " + nifi.rest().bulletins());
        final String[] pages = Files.readString(text.resolve("report.txt")).split(Pattern.quote(PAGE_BREAK), -1);
        assertEquals(PAGES, pages.length);
        for (int number = 1; number <= PAGES; number++) {
            assertEquals(String.join("\n", text("report", number)), pages[number - 1].strip(), "page " + number);
        }
        assertEquals("Dear reader, this letter was typed by software for the flow" + PAGE_BREAK + "Scan of a signature",
                Files.readString(text.resolve("letter.txt")).strip());
        assertEquals(1, nifi.emulator().calls("GeneralBasicOCR InternalError") - faultsBefore, "the failing page failed once and was retried alone");
        assertEquals("Client.UnsupportedDocument", OBJECT_MAPPER.readTree(errors.resolve("notes.pdf.error.json").toFile())
                .get("tencent.ocr.error.code").asText());
    }

    /**
     * templates/ocr-documents-async.json imported and run as a user would: a 3-page PDF goes as one lkeap job
     * (CreateReconstructDocumentFlow), polled until done, and comes out as one Markdown file per page in a folder named after
     * the document; a file that is not a PDF is refused before any call and lands in the errors folder with its attributes.
     */
    @Test
    @Order(4)
    void theAsyncExampleFlowWritesOneMarkdownFilePerPage(@TempDir final Path folders) throws Exception {
        final Path input = Files.createDirectories(folders.resolve("in"));
        final Path markdown = folders.resolve("markdown");
        final Path errors = folders.resolve("errors");
        final List<List<String>> pages = List.of(List.of("Contract page one, the parties"), List.of("Contract page two, the terms"),
                List.of("Contract page three, the signatures"));
        Files.write(input.resolve("contract.pdf"), pdf(pages));
        Files.writeString(input.resolve("notes.pdf"), "not a PDF at all");
        final long submitsBefore = nifi.emulator().calls("CreateReconstructDocumentFlow success");

        final String group = ExampleFlows.start(nifi.rest(), NiFiFixture.TEMPLATES.resolve("ocr-documents-async.json"),
                "OCR Folder of PDFs to Markdown with Async Jobs", new ExampleFlows.Folders(input, markdown, errors),
                nifi.tencent(), Map.of(), Set.of());
        final Path document = markdown.resolve("contract");
        final Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && (NiFiFixture.files(document) < pages.size() || NiFiFixture.files(errors) < 2)) {
            Thread.sleep(500);
        }
        nifi.rest().setGroupState(group, "STOPPED");

        assertEquals(List.of("contract"), NiFiFixture.names(markdown), "bulletins: " + nifi.rest().bulletins());
        assertEquals(List.of("page_1.md", "page_2.md", "page_3.md"), NiFiFixture.names(document), "bulletins: " + nifi.rest().bulletins());
        for (int page = 1; page <= pages.size(); page++) {
            assertEquals(pages.get(page - 1).getFirst(), Files.readString(document.resolve("page_" + page + ".md")).strip(), "page " + page);
        }
        assertEquals(1, nifi.emulator().calls("CreateReconstructDocumentFlow success") - submitsBefore, "one job, billed once, for the PDF");
        assertEquals(List.of("notes.pdf", "notes.pdf.error.json"), NiFiFixture.names(errors));
        final JsonNode error = OBJECT_MAPPER.readTree(errors.resolve("notes.pdf.error.json").toFile());
        assertEquals("Client.InvalidRequest", error.get("tencent.ocr.error.code").asText(), error.toString());
        assertEquals("CreateReconstructDocumentFlow", error.get("tencent.ocr.action").asText(), error.toString());
        assertEquals("not a PDF at all", Files.readString(errors.resolve("notes.pdf")));
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
