package dev.nifiocr.processors;

import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.PageParameter;
import dev.nifiocr.request.ParameterTypes;
import dev.nifiocr.request.RetiredOcrAction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the generated Action catalogue to the Action reference in tools/reference/, read here with a parser of its own:
 * a reference refreshed without rerunning tools/generate_ocr_actions.py, or a generator that misreads it, fails here.
 */
class OcrCatalogueTest {

    private static final String REFERENCE = readReference();
    private static final Map<String, String> SECTIONS = sections(REFERENCE);
    private static final Map<String, String> ACTIONS = actionBlocks();
    private static final Pattern PARAMETER = Pattern.compile("^  - `(\\w+)\\*?` \\(([^)]*)\\)", Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^- Default QPS: (.*); size limit in param text: (.*); status: (\\w+)", Pattern.MULTILINE);

    @Test
    void offersEveryActionOfTheReferenceAndNoOther() {
        assertEquals(new TreeSet<>(ACTIONS.keySet()), Arrays.stream(OcrAction.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(80, ACTIONS.size());
    }

    @Test
    void signsEveryActionWithTheOcrServiceAndVersion() {
        final Matcher title = Pattern.compile("^# Tencent Cloud OCR (\\d{4}-\\d{2}-\\d{2})").matcher(REFERENCE);
        assertTrue(title.find());
        assertTrue(SECTIONS.get("Asynchronous jobs").contains("signing service `ocr`, version `" + title.group(1) + "`"));
        for (final OcrAction action : OcrAction.values()) {
            assertEquals("ocr", action.service());
            assertEquals(title.group(1), action.version());
        }
    }

    @Test
    void carriesEachActionsImageLimit() {
        for (final Map.Entry<String, String> entry : ACTIONS.entrySet()) {
            final OcrAction action = OcrAction.valueOf(entry.getKey());
            final Matcher header = header(entry.getValue());
            final Matcher stated = Pattern.compile("(\\d+) MB").matcher(header.group(2));
            final boolean image = parameters(entry.getValue()).containsKey("ImageBase64");
            // an image Action whose text states no limit gets the largest any Action accepts
            final long expected = image ? (stated.matches() ? Long.parseLong(stated.group(1)) : 10) * 1024 * 1024 : 0;
            assertEquals(expected, action.maxImageBase64Length(), entry.getKey());
            assertEquals(image, action.acceptsImage(), entry.getKey());
        }
    }

    @Test
    void knowsWhatEachActionReturns() {
        final Pattern field = Pattern.compile("`(\\w+)` \\((?:[^()]|\\([^()]*\\))*\\)( \\(deprecated\\))?");
        for (final Map.Entry<String, String> entry : ACTIONS.entrySet()) {
            final Matcher response = Pattern.compile("^- Response: (.*)$", Pattern.MULTILINE).matcher(entry.getValue());
            assertTrue(response.find(), entry.getKey());
            final List<String> expected = new ArrayList<>();
            final Matcher fields = field.matcher(response.group(1));
            while (fields.find()) {
                if (fields.group(2) == null) {
                    expected.add(fields.group(1));
                }
            }
            assertEquals(expected, OcrAction.valueOf(entry.getKey()).returnedFields(), entry.getKey());
        }
        assertFalse(OcrAction.GeneralBasicOCR.returnedFields().contains("Angel"), "deprecated");
    }

    @Test
    void declaresEachActionsParametersWithTheirTypes() {
        for (final Map.Entry<String, String> entry : ACTIONS.entrySet()) {
            final Map<String, ParameterTypes.Type> expected = new HashMap<>();
            parameters(entry.getValue()).forEach((name, type) -> expected.put(name, type(type)));
            assertEquals(expected, OcrAction.valueOf(entry.getKey()).declaredParameters(), entry.getKey());
        }
    }

    @Test
    void carriesEachActionsDefaultRate() {
        final Map<String, String> units = Map.of("次/秒", "requests/s", "次/分钟", "requests/min", "张/分钟", "images/min", " 并发", "concurrent requests");
        for (final Map.Entry<String, String> entry : ACTIONS.entrySet()) {
            final String stated = header(entry.getValue()).group(1);
            final Matcher rate = Pattern.compile("(\\d+)(次/秒|次/分钟|张/分钟| 并发)").matcher(stated);
            final OcrAction action = OcrAction.valueOf(entry.getKey());
            assertEquals(rate.matches() ? rate.group(1) + " " + units.get(rate.group(2)) : "", action.defaultRate(), entry.getKey());
            if (stated.endsWith("次/秒")) {
                assertEquals(Double.parseDouble(rate.group(1)), action.defaultRequestsPerSecond(), entry.getKey());
            }
        }
        assertEquals(20.0, OcrAction.GeneralBasicOCR.defaultRequestsPerSecond());
    }

    @Test
    void knowsHowEachPdfActionPicksItsPage() {
        final String pdf = SECTIONS.get("Multi-page PDF");
        final Map<String, PageParameter> expected = new HashMap<>();
        final Set<String> pdfWithoutPage = new TreeSet<>();
        for (final List<String> row : rows(between(pdf, "### A.", "### B."))) {
            names(row.get(1)).forEach(name -> expected.put(name, PageParameter.IS_PDF));
        }
        for (final List<String> row : rows(between(pdf, "### B.", "### C."))) {
            final PageParameter kind = row.get(2).contains("`PdfPageIndex`") ? PageParameter.PDF_PAGE_INDEX
                    : row.get(1).contains("`EnablePdf`") ? PageParameter.ENABLE_PDF
                    : row.get(2).contains("`PdfPageNumber`") ? PageParameter.PDF_PAGE_NUMBER : PageParameter.NONE;
            for (final String name : names(row.get(0))) {
                expected.put(name, kind);
                if (kind == PageParameter.NONE) {
                    pdfWithoutPage.add(name);
                }
            }
        }
        final Set<String> multiPage = new TreeSet<>();
        for (final List<String> row : rows(between(pdf, "### C.", "### D."))) {
            multiPage.add(names(row.get(0)).get(0));
        }
        for (final OcrAction action : OcrAction.values()) {
            final String name = action.name();
            assertEquals(expected.getOrDefault(name, PageParameter.NONE), action.pageParameter(), name);
            assertEquals(expected.containsKey(name) || multiPage.contains(name), action.acceptsPdf(), name);
        }
        assertEquals(Set.of("QrcodeOCR", "MLIDPassportOCR"), pdfWithoutPage);

        // the reference's own count covers the Actions of SDK 3.2.11, not the newer ones
        final Matcher count = Pattern.compile("\\*\\*(\\d+) PDF-capable Actions\\*\\*").matcher(pdf);
        assertTrue(count.find());
        assertEquals(Integer.parseInt(count.group(1)), Arrays.stream(OcrAction.values())
                .filter(action -> action.acceptsPdf() && !isNewer(action)).count());
        assertEquals(35, Integer.parseInt(count.group(1)));
    }

    @Test
    void knowsWhichActionsReadSeveralPagesInOneCall() {
        final Map<String, List<String>> expected = new HashMap<>();
        final Map<String, Integer> maxPages = new HashMap<>();
        for (final List<String> row : rows(between(SECTIONS.get("Multi-page PDF"), "### C.", "### D."))) {
            final String name = names(row.get(0)).get(0);
            expected.put(name, backticked(row.get(1)));
            final Matcher limit = Pattern.compile("(?:first |前|最多支持)(\\d+) ?(?:pages|页)").matcher(row.get(2));
            maxPages.put(name, row.get(2).contains("no maximum") || !limit.find() ? 0 : Integer.parseInt(limit.group(1)));
        }
        for (final OcrAction action : OcrAction.values()) {
            assertEquals(expected.getOrDefault(action.name(), List.of()), action.multiPageParameters(), action.name());
            assertEquals(maxPages.getOrDefault(action.name(), 0), action.maxPagesPerCall(), action.name());
        }
        assertEquals(List.of("FileStartPageNumber", "FileEndPageNumber"), OcrAction.SubmitExtractDocAgentJob.multiPageParameters());
        assertEquals(30, OcrAction.RecognizeGeneralInvoice.maxPagesPerCall());
        assertEquals(300, OcrAction.MultimodalDocParse.maxPagesPerCall());
    }

    @Test
    void knowsWhichActionsReadOfd() {
        final Matcher bold = Pattern.compile("^- \\*\\*(\\w+)\\*\\*", Pattern.MULTILINE).matcher(SECTIONS.get("OFD input"));
        final Set<String> named = new TreeSet<>();
        while (bold.find()) {
            named.add(bold.group(1));
        }
        assertEquals(named, Arrays.stream(OcrAction.values()).filter(action -> action.ofd() != OcrAction.Ofd.NONE)
                .map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
        for (final OcrAction action : OcrAction.values()) {
            assertEquals(action.declaredParameters().containsKey("OfdFileBase64"), action.ofd() == OcrAction.Ofd.OFD_PARAMETERS, action.name());
        }
        assertEquals(OcrAction.Ofd.FIRST_PAGE, OcrAction.RecognizeGeneralInvoice.ofd());
    }

    @Test
    void pairsEachAsynchronousJobWithItsQuery() {
        final Map<String, String> expected = new HashMap<>();
        for (final List<String> row : rows(SECTIONS.get("Asynchronous jobs"))) {
            final Matcher pair = Pattern.compile("(\\w+) → (\\w+)").matcher(row.get(0));
            if (pair.lookingAt() && ACTIONS.containsKey(pair.group(1)) && row.get(4).contains("`DONE`")) {
                expected.put(pair.group(1), pair.group(2));
                expected.put(pair.group(2), pair.group(1));
            }
        }
        assertEquals(8, expected.size());
        for (final OcrAction action : OcrAction.values()) {
            final String partner = expected.get(action.name());
            assertEquals(partner, action.jobPartner() == null ? null : action.jobPartner().name(), action.name());
        }
        assertNull(OcrAction.GetOCRToken.jobPartner(), "the H5 token flow is not a job queue");
    }

    @Test
    void knowsEveryRetiredActionAndOffersNone() {
        final String removed = SECTIONS.entrySet().stream().filter(entry -> entry.getKey().startsWith("Removed Actions"))
                .findFirst().orElseThrow().getValue();
        final Map<String, String> expected = new LinkedHashMap<>();
        for (final List<String> row : rows(removed)) {
            final String release = row.get(0).substring(0, row.get(0).indexOf(' '));
            // drop the notes in parentheses (which name other Actions), then the names are what is left
            String names = row.get(1);
            for (String previous = ""; !previous.equals(names); ) {
                previous = names;
                names = names.replaceAll("\\([^()]*\\)", "");
            }
            for (final String name : names.split(",")) {
                expected.put(name.trim(), release);
            }
        }
        final Matcher count = Pattern.compile("(\\d+) Actions\\. Calling one").matcher(removed);
        assertTrue(count.find());
        assertEquals(Integer.parseInt(count.group(1)), expected.size());
        assertEquals(expected.size(), RetiredOcrAction.values().length);
        expected.forEach((name, release) -> {
            final RetiredOcrAction retired = RetiredOcrAction.named(name).orElseThrow(() -> new AssertionError(name));
            assertEquals(release, retired.removedInSdk(), name);
            assertFalse(ACTIONS.containsKey(name), name);
        });
        assertEquals(OcrAction.ExtractDocBasic, RetiredOcrAction.SmartStructuralOCRV2.aliasOf());
        assertEquals(OcrAction.ExtractDocMulti, RetiredOcrAction.SmartStructuralPro.aliasOf());
        assertEquals(OcrAction.VatInvoiceVerifyNew, RetiredOcrAction.VatInvoiceVerify.successor());
        assertNull(RetiredOcrAction.VatInvoiceVerify.aliasOf());
        assertNull(RetiredOcrAction.ReconstructDocument.successor(), "its successor is in another service (lkeap)");
    }

    private static boolean isNewer(final OcrAction action) {
        return ACTIONS.get(action.name()).lines().findFirst().orElseThrow().contains("NEWER THAN SDK");
    }

    private static ParameterTypes.Type type(final String declared) {
        if (declared.startsWith("[")) {
            return ParameterTypes.Type.ARRAY;
        }
        return switch (declared) {
            case "string" -> ParameterTypes.Type.STRING;
            case "bool" -> ParameterTypes.Type.BOOLEAN;
            case "int", "int64" -> ParameterTypes.Type.INTEGER;
            case "float" -> ParameterTypes.Type.NUMBER;
            default -> ParameterTypes.Type.OBJECT;
        };
    }

    private static Matcher header(final String block) {
        final Matcher header = HEADER.matcher(block);
        assertTrue(header.find(), block.lines().findFirst().orElse(""));
        return header;
    }

    private static Map<String, String> parameters(final String block) {
        final Map<String, String> parameters = new LinkedHashMap<>();
        final Matcher matcher = PARAMETER.matcher(block);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        return parameters;
    }

    /** Action name to its section, from the category sections that precede the cross-cutting ones. */
    private static Map<String, String> actionBlocks() {
        final Map<String, String> blocks = new LinkedHashMap<>();
        final String perAction = REFERENCE.substring(0, REFERENCE.indexOf("\n## Multi-page PDF"));
        for (final String block : perAction.split("\n### ")) {
            final Matcher name = Pattern.compile("^(\\w+) — ").matcher(block);
            if (name.find()) {
                blocks.put(name.group(1), block);
            }
        }
        return blocks;
    }

    private static Map<String, String> sections(final String text) {
        final Map<String, String> sections = new LinkedHashMap<>();
        for (final String section : text.split("\n## ")) {
            final int end = section.indexOf('\n');
            sections.put(section.substring(0, end).trim(), section.substring(end + 1));
        }
        return sections;
    }

    private static String between(final String text, final String start, final String end) {
        final int from = text.indexOf(start);
        return text.substring(from, text.indexOf(end, from));
    }

    /** Table body rows (header and separator rows left out), cell by cell. */
    private static List<List<String>> rows(final String text) {
        final List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (final String line : text.split("\n")) {
            if (!line.startsWith("|")) {
                header = true;
            } else if (line.startsWith("|---")) {
                header = false;
            } else if (!header) {
                rows.add(Arrays.stream(line.substring(1, line.lastIndexOf('|')).split(" \\| ")).map(String::trim).toList());
            }
        }
        return rows;
    }

    /** Action names in a cell: the words that are Actions of the reference. */
    private static List<String> names(final String cell) {
        final List<String> names = new ArrayList<>();
        final Matcher word = Pattern.compile("\\w+").matcher(cell);
        while (word.find()) {
            if (ACTIONS.containsKey(word.group())) {
                names.add(word.group());
            }
        }
        return names;
    }

    private static List<String> backticked(final String cell) {
        final List<String> names = new ArrayList<>();
        final Matcher code = Pattern.compile("`(\\w+)`").matcher(cell);
        while (code.find()) {
            names.add(code.group(1));
        }
        return names;
    }

    /** The reference as kept in the repository, found from the module directory the tests run in. */
    private static String readReference() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            final Path reference = directory.resolve("tools/reference/tencent-ocr-actions.md");
            if (Files.isRegularFile(reference)) {
                try {
                    return Files.readString(reference, StandardCharsets.UTF_8);
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("tools/reference/tencent-ocr-actions.md not found above " + Path.of("").toAbsolutePath());
    }
}
