package dev.nifiocr.integration;

import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SplitDocument in a real NiFi 2.3.0, with NiFi's own MergeContent (Defragment) putting the pages back together: pages read
 * from the text layer and pages split for OCR travel on two relationships and still come back as one document in page order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsEndToEndIT {

    private static final String DEMARCATOR = "\n=====page=====\n";
    private static final int PAGES = 7;
    private static final List<Integer> SCANNED_PAGES = List.of(2, 5, 6);

    @RegisterExtension
    static final NiFiFixture nifi = new NiFiFixture();

    @Test
    void pagesSplitAndReadFromTheTextLayerMergeBackInPageOrder() throws Exception {
        final Connectable documents = nifi.rest().createPort(nifi.root(), true, "documents", 0, 0);
        final Connectable merged = nifi.rest().createPort(nifi.root(), false, "merged", 0, 600);
        final Connectable failure = nifi.rest().createPort(nifi.root(), false, "failure", 400, 600);
        final Connectable split = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.SplitDocument", "SplitDocument",
                Map.of("Use Text Layer", "true"), List.of("original"), 0, 200);
        final Connectable merge = nifi.rest().createProcessor(nifi.root(), "org.apache.nifi.processors.standard.MergeContent", "MergeContent",
                Map.of("Merge Strategy", "Defragment", "Delimiter Strategy", "Text", "Demarcator File", DEMARCATOR),
                List.of("original"), 0, 400);
        nifi.rest().connect(documents, split, List.of());
        nifi.rest().connect(split, merge, List.of("splits"));
        nifi.rest().connect(split, merge, List.of("text layer"));
        nifi.rest().connect(split, failure, List.of("failure"));
        nifi.rest().connect(merge, merged, List.of("merged"));
        nifi.rest().connect(merge, failure, List.of("failure"));
        assertEquals("VALID", nifi.rest().processor(split.id()).at("/component/validationStatus").asText(), nifi.rest().processor(split.id()).toString());
        assertEquals("VALID", nifi.rest().processor(merge.id()).at("/component/validationStatus").asText(), nifi.rest().processor(merge.id()).toString());
        nifi.rest().setGroupState(nifi.root(), "RUNNING");

        nifi.send(documents, List.of(pdf(), "not a document".getBytes(StandardCharsets.UTF_8)),
                List.of(Map.of("filename", "report.pdf"), Map.of("filename", "notes.txt")));

        final Map<Connectable, List<SiteToSite.Received>> out = nifi.collect(Map.of(merged, 1, failure, 1), Duration.ofSeconds(60));
        final SiteToSite.Received document = out.get(merged).getFirst();
        final SiteToSite.Received refused = out.get(failure).getFirst();
        nifi.rest().setGroupState(nifi.root(), "STOPPED");

        assertEquals("report.pdf", document.attributes().get("filename"));
        final String[] pages = new String(document.content(), StandardCharsets.ISO_8859_1).split(Pattern.quote(DEMARCATOR), -1);
        assertEquals(PAGES, pages.length);
        for (int number = 1; number <= PAGES; number++) {
            final String page = pages[number - 1];
            if (SCANNED_PAGES.contains(number)) {
                assertTrue(page.startsWith("%PDF-"), "page " + number + " is a one-page PDF for OCR");
            } else {
                assertEquals(text(number), page, "page " + number + " from the text layer");
            }
        }
        assertEquals("notes.txt", refused.attributes().get("filename"));
        assertEquals("Client.UnsupportedDocument", refused.attributes().get("tencent.ocr.error.code"));
        final Map<String, Long> counters = nifi.rest().counters();
        assertEquals(3L, counters.get("Pages Split"));
        assertEquals(4L, counters.get("Pages Read from Text Layer"));
    }

    private static String text(final int number) {
        return "Page " + number + " of the report, typed by software";
    }

    /** A PDF whose pages have a text layer, except the scanned ones. */
    private static byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int number = 1; number <= PAGES; number++) {
                final PDPage page = new PDPage();
                document.addPage(page);
                if (SCANNED_PAGES.contains(number)) {
                    continue;
                }
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text(number));
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
