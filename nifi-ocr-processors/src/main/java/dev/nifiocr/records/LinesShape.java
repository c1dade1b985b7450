package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.SimpleRecordSchema;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.RecordField;
import org.apache.nifi.serialization.record.RecordFieldType;
import org.apache.nifi.serialization.record.RecordSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/** Lines: one record per recognised line, the same schema for every Action. */
final class LinesShape extends NestedListShape {

    private static final String[] CORNERS = {"X1", "Y1", "X2", "Y2", "X3", "Y3", "X4", "Y4"};
    static final RecordSchema POLYGON = new SimpleRecordSchema(Arrays.stream(CORNERS).map(name -> Schemas.field(name, Schemas.LONG)).toList());
    static final RecordSchema SCHEMA = new SimpleRecordSchema(List.of(
            Schemas.field("Page", Schemas.LONG), Schemas.field("Line", Schemas.LONG), Schemas.field("Text", Schemas.STRING),
            Schemas.field("Confidence", Schemas.DOUBLE), new RecordField("Polygon", RecordFieldType.RECORD.getRecordDataType(POLYGON), true)));

    private LinesShape(final NestedLists lists, final Map<String, String> types) {
        super(RecordShape.LINES, SCHEMA, lists, types);
    }

    static Optional<ShapePlan> plan(final List<Field> answer, final Structures structures) {
        final NestedLists lists = new NestedLists(structures, structures::isLine);
        final Map<String, String> types = leading(answer, lists);
        return types.isEmpty() ? Optional.empty() : Optional.of(new LinesShape(lists, types));
    }

    @Override
    public Reading open(final AnswerContext context) {
        return new Reading() {
            private long line;

            @Override
            public void accept(final String field, final JsonNode value, final Queue<Map<String, Object>> records) throws MalformedRecordException {
                lists.walk(value, types.get(field), new int[0], (detection, type, indexes) -> {
                    final Map<String, Object> record = new LinkedHashMap<>();
                    record.put("Page", context.page());
                    record.put("Line", ++line);
                    record.put("Text", Values.scalar(detection.get("DetectedText"), "string", field + ".DetectedText"));
                    record.put("Confidence", Values.decimal(detection.get("Confidence"), field + ".Confidence"));
                    record.put("Polygon", polygon(detection));
                    records.add(record);
                });
            }
        };
    }

    /** The four corners from Polygon [{X,Y}...], a Polygon/Coord {LeftTop,...} object, or an ItemPolygon/ItemCoord box. */
    static MapRecord polygon(final JsonNode detection) throws MalformedRecordException {
        final List<JsonNode> points = new ArrayList<>();
        final JsonNode list = detection.path("Polygon");
        if (list.isArray() && list.size() >= 4) {
            list.forEach(points::add);
        } else {
            for (final String name : new String[] {"Polygon", "Coord"}) {
                final JsonNode corners = detection.path(name);
                if (corners.isObject() && corners.has("LeftTop")) {
                    points.addAll(List.of(corners.path("LeftTop"), corners.path("RightTop"), corners.path("RightBottom"), corners.path("LeftBottom")));
                    break;
                }
            }
        }
        final Map<String, Object> values = new LinkedHashMap<>();
        if (points.isEmpty()) {
            final JsonNode box = detection.has("ItemPolygon") ? detection.get("ItemPolygon") : detection.path("ItemCoord");
            if (!box.isObject()) {
                return null;
            }
            final Long x = Values.integer(box.get("X"), "X");
            final Long y = Values.integer(box.get("Y"), "Y");
            final Long width = Values.integer(box.get("Width"), "Width");
            final Long height = Values.integer(box.get("Height"), "Height");
            if (x == null || y == null || width == null || height == null) {
                return null;
            }
            final long[] corners = {x, y, x + width, y, x + width, y + height, x, y + height};
            for (int i = 0; i < CORNERS.length; i++) {
                values.put(CORNERS[i], corners[i]);
            }
        } else {
            for (int i = 0; i < 4; i++) {
                values.put(CORNERS[2 * i], Values.integer(points.get(i).get("X"), "Polygon.X"));
                values.put(CORNERS[2 * i + 1], Values.integer(points.get(i).get("Y"), "Polygon.Y"));
            }
        }
        return new MapRecord(POLYGON, values);
    }
}
