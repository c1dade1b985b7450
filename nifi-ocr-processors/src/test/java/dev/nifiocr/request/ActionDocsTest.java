package dev.nifiocr.request;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holds docs/actions.md, which tools/generate_ocr_actions.py writes, to the generated catalogue ({@link OcrAction},
 * {@link RetiredOcrAction}): a catalogue regenerated without the page, or a page edited by hand, fails here.
 */
class ActionDocsTest {

    /** The tests run in nifi-ocr-processors/. */
    private static final Path PAGE = Path.of("../docs/actions.md");

    @Test
    void pdfPageTableListsEachActionUnderItsPageParameter() throws IOException {
        final Map<String, Set<String>> documented = new TreeMap<>();
        for (final List<String> row : rows(section("PDF pages"), 2)) {
            final String label = row.get(0);
            final String kind = label.startsWith("none") ? "NONE" : Arrays.stream(PageParameter.values())
                    .filter(parameter -> parameter != PageParameter.NONE)
                    .filter(parameter -> parameter.switchParameter().isEmpty()
                            ? label.contains("PDF recognised from the content")
                            : label.startsWith("`" + parameter.switchParameter() + "`"))
                    .findFirst().orElseThrow(() -> new AssertionError("row not understood: " + label)).name();
            documented.put(kind, names(row.get(1)));
        }
        final Map<String, Set<String>> catalogue = new TreeMap<>();
        for (final OcrAction action : OcrAction.values()) {
            if (action.acceptsPdf() && action.pageParameter() != PageParameter.NONE) {
                catalogue.computeIfAbsent(action.pageParameter().name(), kind -> new TreeSet<>()).add(action.name());
            } else if (action.acceptsPdf()) {
                catalogue.computeIfAbsent("NONE", kind -> new TreeSet<>()).add(action.name());
            }
        }
        assertEquals(catalogue, documented);
    }

    @Test
    void multiPageTableIsTheCatalogues() throws IOException {
        final Map<String, String> documented = new TreeMap<>();
        final List<List<String>> rows = rows(section("PDF pages"), 3);
        for (final List<String> row : rows) {
            documented.put(row.get(0), row.get(1).replace("`", ""));
        }
        final Map<String, String> catalogue = new TreeMap<>();
        for (final OcrAction action : OcrAction.values()) {
            if (!action.multiPageParameters().isEmpty()) {
                catalogue.put(action.name(), String.join(", ", action.multiPageParameters()));
            }
        }
        assertEquals(catalogue, documented);
    }

    @Test
    void ofdListIsTheCatalogues() throws IOException {
        final Set<String> documented = new TreeSet<>();
        final Matcher item = Pattern.compile("(?m)^- (\\w+): ").matcher(section("OFD"));
        while (item.find()) {
            documented.add(item.group(1));
        }
        assertEquals(Arrays.stream(OcrAction.values()).filter(action -> action.ofd() != OcrAction.Ofd.NONE).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new)), documented);
    }

    @Test
    void jobTablePairsEachSubmitWithItsDescribe() throws IOException {
        final Map<String, String> documented = new TreeMap<>();
        for (final List<String> row : rows(section("Asynchronous jobs"), 2)) {
            documented.put(row.get(0), row.get(1));
        }
        assertEquals(Arrays.stream(OcrAction.values()).filter(OcrAction::submitsJob)
                .collect(Collectors.toMap(Enum::name, action -> action.jobPartner().name(), (a, b) -> a, TreeMap::new)), documented);
    }

    @Test
    void retiredListIsTheCatalogues() throws IOException {
        final Matcher list = Pattern.compile("Tencent removed these (\\d+) Actions: ([^.]+)\\.").matcher(section("Retired Actions"));
        assertEquals(true, list.find(), "the list of retired Actions");
        assertEquals(RetiredOcrAction.values().length, Integer.parseInt(list.group(1)));
        assertEquals(Arrays.stream(RetiredOcrAction.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)), names(list.group(2)));
    }

    private static String section(final String title) throws IOException {
        final String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        final int begin = page.indexOf("\n## " + title + "\n");
        assertEquals(true, begin >= 0, "section " + title + " in " + PAGE);
        final int end = page.indexOf("\n## ", begin + 1);
        return end < 0 ? page.substring(begin) : page.substring(begin, end);
    }

    /** The body rows of the tables in a section that have the given number of columns. */
    private static List<List<String>> rows(final String section, final int columns) {
        final List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (final String line : section.lines().toList()) {
            if (!line.startsWith("|")) {
                header = true;
                continue;
            }
            final List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
            if (header || cells.getFirst().startsWith("---")) {
                header = false;
                continue;
            }
            if (cells.size() == columns) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Set<String> names(final String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }
}
