package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each text Action's answer has the fields Tencent's SDK model declares for it, and no others. */
class TextAnswersTest {

    private static final List<TextLine> LINES = List.of(line("TOTAL", 27, 168, 142, 199), line("30.00", 174, 169, 264, 198),
            line("RECEIPT", 27, 34, 172, 61));
    private static final Pages.Page PAGE = new Pages.Page(new BufferedImage(480, 360, BufferedImage.TYPE_3BYTE_BGR), 0);

    @Test
    void generalActionsAnswerTextDetectionsWithItemPolygons() {
        final ObjectNode basic = TextAnswers.response("GeneralBasicOCR", LINES, new Pages.Page(PAGE.image(), 3));

        assertEquals(List.of("AdvancedInfo", "Confidence", "DetectedText", "ItemPolygon", "Polygon", "WordCoordPoint", "Words"),
                fields(basic.at("/TextDetections/0")));
        assertEquals(List.of("Angle", "Language", "PdfPageSize", "TextDetections"), fields(basic));
        assertEquals(3, basic.get("PdfPageSize").asInt());
        assertEquals(List.of("RECEIPT", "TOTAL", "30.00"), texts(basic));
        assertEquals(List.of("{\"Parag\":{\"ParagNo\":1}}", "{\"Parag\":{\"ParagNo\":2}}", "{\"Parag\":{\"ParagNo\":2}}"),
                basic.findValuesAsText("AdvancedInfo"));
        final JsonNode box = basic.at("/TextDetections/1/ItemPolygon");
        assertEquals(List.of(27, 168, 115, 31), List.of(box.get("X").asInt(), box.get("Y").asInt(), box.get("Width").asInt(), box.get("Height").asInt()));

        assertEquals(List.of("Angel", "Language", "PdfPageSize", "TextDetections"), fields(TextAnswers.response("GeneralFastOCR", LINES, PAGE)));
        assertEquals(List.of("Angle", "TextDetections"), fields(TextAnswers.response("GeneralAccurateOCR", LINES, PAGE)));
        assertEquals(List.of("Angle", "TextDetections"), fields(TextAnswers.response("GeneralEfficientOCR", LINES, PAGE)));
    }

    @Test
    void otherTextActionsAnswerTheirOwnItems() {
        final ObjectNode handwriting = TextAnswers.response("GeneralHandwritingOCR", LINES, PAGE);
        assertEquals(List.of("AdvancedInfo", "Confidence", "DetectedText", "Polygon", "WordPolygon"), fields(handwriting.at("/TextDetections/0")));

        final ObjectNode english = TextAnswers.response("EnglishOCR", LINES, PAGE);
        assertEquals(List.of("AdvancedInfo", "CandWord", "Confidence", "DetectedText", "Polygon", "WordCoordPoint", "Words"),
                fields(english.at("/TextDetections/0")));
        assertEquals("", english.at("/TextDetections/0/AdvancedInfo").asText(), "documented as empty for EnglishOCR");
        assertEquals(List.of("Angel", "TextDetections"), fields(english));

        final ObjectNode advertise = TextAnswers.response("AdvertiseOCR", LINES, PAGE);
        assertEquals(List.of("AdvancedInfo", "Confidence", "DetectedText", "Polygon"), fields(advertise.at("/TextDetections/0")));
        assertEquals(480, advertise.at("/ImageSize/Width").asInt());
        assertEquals(360, advertise.at("/ImageSize/Height").asInt());

        assertTrue(TextAnswers.response("TextDetect", LINES, PAGE).get("HasText").asBoolean());
        assertFalse(TextAnswers.response("TextDetect", List.of(), PAGE).has("TextDetections"));
    }

    @Test
    void readsOnlyTheGeneralTextActions() {
        assertTrue(TextAnswers.reads("GeneralAccurateOCR"));
        assertFalse(TextAnswers.reads("IDCardOCR"));
        assertFalse(TextAnswers.reads("RecognizeTableOCR"));
    }

    static List<String> fields(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static List<String> texts(final JsonNode response) {
        return response.findValuesAsText("DetectedText");
    }

    private static TextLine line(final String text, final int left, final int top, final int right, final int bottom) {
        return new TextLine(text, 88, List.of(new TextLine.Point(left, top), new TextLine.Point(right, top), new TextLine.Point(right, bottom),
                new TextLine.Point(left, bottom)));
    }
}
