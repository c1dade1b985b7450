package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The general-text Actions the emulator reads for real, and their answers in Tencent's shape (field names and types as
 * in the SDK's models and Tencent's documented examples), built from the engine's lines in reading order. Other Actions
 * keep Tencent's documented example answers.
 */
final class TextAnswers {

    /** Action to the fields of its answer besides TextDetections (or, for TextDetect, instead of them). */
    private static final Map<String, List<String>> ACTIONS = Map.of(
            "GeneralBasicOCR", List.of("Language", "Angle", "PdfPageSize"),
            "GeneralAccurateOCR", List.of("Angle"),
            "GeneralEfficientOCR", List.of("Angle"),
            "GeneralFastOCR", List.of("Language", "Angel", "PdfPageSize"),
            "GeneralHandwritingOCR", List.of("Angle"),
            "EnglishOCR", List.of("Angel"),
            "AdvertiseOCR", List.of("ImageSize"),
            "TextDetect", List.of("HasText"));
    /** Actions that read a PDF page when sent IsPdf=true; the others refuse a PDF as an undecodable image. */
    private static final Set<String> PDF_ACTIONS = Set.of("GeneralBasicOCR", "GeneralAccurateOCR", "GeneralFastOCR");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TextAnswers() {
    }

    static boolean reads(final String action) {
        return ACTIONS.containsKey(action);
    }

    static Set<String> actions() {
        return ACTIONS.keySet();
    }

    /** The PDF page a text Action is asked to read; refused as Tencent does unless the Action reads PDFs and IsPdf is true. */
    static int pdfPageNumber(final String action, final JsonNode parameters) throws TencentError {
        if (!PDF_ACTIONS.contains(action) || !parameters.path("IsPdf").asBoolean(false)) {
            throw new TencentError("FailedOperation.ImageDecodeFailed", "图片解码失败 (a PDF is read only by " + PDF_ACTIONS.stream().sorted().toList()
                    + " with IsPdf=true)");
        }
        return parameters.path("PdfPageNumber").asInt(1);
    }

    /** Reads the image (or the requested PDF page) with the shared engine and answers as Tencent does. */
    static ObjectNode answer(final String action, final JsonNode parameters, final byte[] content, final TextEngine engine) throws TencentError {
        final Pages.Page page;
        if (Pages.isPdf(content)) {
            page = Pages.pdfPage(content, pdfPageNumber(action, parameters));
        } else {
            page = Pages.image(content);
        }
        final List<TextLine> lines = engine.read(page.image());
        if (lines.isEmpty() && !"TextDetect".equals(action)) {
            throw new TencentError("FailedOperation.ImageNoText", "图片中未检测到文本 (no text found in the image)");
        }
        return TableAnswers.reads(action) ? TableAnswers.response(action, lines) : response(action, lines, page);
    }

    static ObjectNode response(final String action, final List<TextLine> lines, final Pages.Page page) {
        final ObjectNode response = JSON.objectNode();
        if (!"TextDetect".equals(action)) {
            final ArrayNode detections = response.putArray("TextDetections");
            final List<List<TextLine>> rows = ReadingOrder.rows(lines);
            for (int row = 0; row < rows.size(); row++) {
                for (final TextLine line : rows.get(row)) {
                    detections.add(detection(action, line, row + 1));
                }
            }
        }
        for (final String field : ACTIONS.get(action)) {
            switch (field) {
                case "Language" -> response.put(field, "zh");
                case "Angle", "Angel" -> response.put(field, 0.0);
                case "PdfPageSize" -> response.put(field, page.pdfPageCount());
                case "ImageSize" -> response.putObject(field).put("Width", page.image().getWidth()).put("Height", page.image().getHeight());
                case "HasText" -> response.put(field, !lines.isEmpty());
                default -> throw new IllegalStateException(field);
            }
        }
        return response;
    }

    private static ObjectNode detection(final String action, final TextLine line, final int paragraph) {
        final ObjectNode detection = JSON.objectNode();
        detection.put("DetectedText", line.text());
        detection.put("Confidence", line.confidence());
        final ArrayNode polygon = detection.putArray("Polygon");
        line.polygon().forEach(point -> polygon.addObject().put("X", point.x()).put("Y", point.y()));
        // EnglishOCR's AdvancedInfo is documented as empty; the others carry the paragraph
        detection.put("AdvancedInfo", "EnglishOCR".equals(action) ? "" : "{\"Parag\":{\"ParagNo\":" + paragraph + "}}");
        switch (action) {
            case "GeneralHandwritingOCR" -> detection.putArray("WordPolygon");
            case "EnglishOCR" -> {
                detection.putArray("WordCoordPoint");
                detection.putArray("CandWord");
                detection.putArray("Words");
            }
            case "AdvertiseOCR" -> {
            }
            default -> {
                detection.putObject("ItemPolygon").put("X", line.left()).put("Y", line.top()).put("Width", line.right() - line.left())
                        .put("Height", line.height());
                detection.putArray("WordCoordPoint");
                detection.putArray("Words");
            }
        }
        return detection;
    }
}
