package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What NiFi's property select shows of every choice in the bundle, read from the extension manifest of the NAR as built
 * (the file NiFi's UI takes its lists from). NiFi 2.3.0 gives a label {@value #LABEL_WIDTH_PX} px of 14 px Inter where it is
 * narrowest: the ticked option of the open select, beside its check mark (the select's chosen value gets 270 px, an option
 * 280, the property table's value cell 278), measured in the real UI by {@code bash tools/take_screenshots.sh --measure};
 * tools/reference/nifi-select.json keeps that measurement with the font's character widths, which this test sums. Before
 * the OCR Action labels led with the Action name, 77 of their 82 labels were cut in the list, most of them in the Action name.
 */
class ActionLabelsTest {

    /** The width NiFi 2.3.0 shows of a label where it is narrowest, measured in the real UI. */
    static final double LABEL_WIDTH_PX = 246;
    /** Summed character widths come up to 1 px short of Chromium's rendering (kerning): labels keep this margin. */
    static final double KERNING_MARGIN_PX = 2;
    private static final Path NAR_DIRECTORY = Path.of("target/nifi/extensions");
    private static final Path MEASUREMENT = Path.of("../tools/reference/nifi-select.json");
    private static final String ACTION_NAME = "[A-Z][A-Za-z0-9]{2,63}";

    private static Map<String, Double> advanceWidths;
    private static Document manifest;

    @BeforeAll
    static void read() throws Exception {
        final JsonNode measured = new ObjectMapper().readTree(MEASUREMENT.toFile());
        assertEquals(LABEL_WIDTH_PX, measured.get("narrowestPx").asDouble(), "the measurement this test was written from");
        assertEquals("14px Inter", measured.get("font").asText());
        advanceWidths = new LinkedHashMap<>();
        measured.get("advanceWidthsPx").properties().forEach(entry -> advanceWidths.put(entry.getKey(), entry.getValue().asDouble()));
        final Path nar;
        try (Stream<Path> files = Files.list(NAR_DIRECTORY)) {
            nar = files.filter(file -> file.getFileName().toString().startsWith("nifi-ocr-nar-")).findFirst().orElseThrow();
        }
        try (ZipFile zip = new ZipFile(nar.toFile()); InputStream in = zip.getInputStream(zip.getEntry("META-INF/docs/extension-manifest.xml"))) {
            manifest = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    @Test
    void noChoiceInTheBundleIsCutInTheSelect() {
        final List<String> cut = new ArrayList<>();
        int labels = 0;
        for (final Choice choice : choices()) {
            labels++;
            if (width(choice.label()) + KERNING_MARGIN_PX > LABEL_WIDTH_PX) {
                cut.add("%s > %s: %s (%.0f px)".formatted(choice.component(), choice.property(), choice.label(), width(choice.label())));
            }
        }
        assertTrue(labels > 150, "the manifest's choices were read: " + labels);
        assertTrue(cut.isEmpty(), "labels wider than the " + LABEL_WIDTH_PX + " px NiFi's select shows: " + cut);
    }

    @Test
    void everyActionChoiceShowsTheActionNameFirst() {
        final List<Choice> actions = choices().stream()
                .filter(choice -> choice.property().equals("OCR Action") && choice.component().endsWith(".InvokeTencentOCR")
                        || choice.property().equals("Job Action"))
                .filter(choice -> !choice.value().equals("CUSTOM"))
                .toList();
        assertEquals(80 + 5, actions.size(), "80 OCR Actions and 5 job submits");
        for (final Choice action : actions) {
            assertTrue(action.value().matches(ACTION_NAME), action.value());
            assertTrue(action.label().equals(action.value()) || action.label().startsWith(action.value() + " \u00b7 "), action.label());
            assertTrue(!action.description().isBlank(), action.value());
        }
        assertTrue(choices().stream().anyMatch(choice -> choice.value().equals("CUSTOM") && choice.label().equals("Custom Action")));
    }

    @Test
    void ocrActionsAreListedByName() {
        final List<String> values = choices().stream()
                .filter(choice -> choice.property().equals("OCR Action") && choice.component().endsWith(".InvokeTencentOCR"))
                .map(Choice::value).toList();
        final List<String> sorted = new ArrayList<>(values.subList(0, values.size() - 1));
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, values.subList(0, values.size() - 1));
        assertEquals("CUSTOM", values.getLast(), "Custom Action comes last");
    }

    private static double width(final String label) {
        double width = 0;
        for (final char character : label.toCharArray()) {
            final Double advance = advanceWidths.get(String.valueOf(character));
            assertTrue(advance != null, "no measured width for [" + character + "] in " + label);
            width += advance;
        }
        return width;
    }

    private record Choice(String component, String property, String value, String label, String description) {
    }

    private static List<Choice> choices() {
        final List<Choice> choices = new ArrayList<>();
        final NodeList extensions = manifest.getElementsByTagName("extension");
        for (int e = 0; e < extensions.getLength(); e++) {
            final Element extension = (Element) extensions.item(e);
            final String component = child(extension, "name");
            final NodeList properties = extension.getElementsByTagName("property");
            for (int p = 0; p < properties.getLength(); p++) {
                final Element property = (Element) properties.item(p);
                final NodeList values = property.getElementsByTagName("allowableValue");
                for (int v = 0; v < values.getLength(); v++) {
                    final Element value = (Element) values.item(v);
                    choices.add(new Choice(component, child(property, "name"), child(value, "value"), child(value, "displayName"),
                            child(value, "description")));
                }
            }
        }
        return choices;
    }

    private static String child(final Element parent, final String tag) {
        final NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                return element.getTextContent();
            }
        }
        return "";
    }
}
