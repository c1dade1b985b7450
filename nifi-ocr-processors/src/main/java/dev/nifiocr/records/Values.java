package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.record.DataType;
import org.apache.nifi.serialization.record.RecordFieldType;

/** Tencent's JSON values as record values of the types the answer model declares. */
final class Values {

    private Values() {
    }

    static DataType dataType(final String scalarType) {
        return switch (scalarType) {
            case "int" -> RecordFieldType.LONG.getDataType();
            case "float" -> RecordFieldType.DOUBLE.getDataType();
            case "bool" -> RecordFieldType.BOOLEAN.getDataType();
            default -> RecordFieldType.STRING.getDataType();
        };
    }

    /** The value as the declared scalar type; null for null, missing and, for numbers and booleans, empty strings. */
    static Object scalar(final JsonNode node, final String scalarType, final String path) throws MalformedRecordException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (scalarType) {
            case "int" -> integer(node, path);
            case "float" -> decimal(node, path);
            case "bool" -> bool(node, path);
            default -> node.isValueNode() ? node.asText() : node.toString();
        };
    }

    static Long integer(final JsonNode node, final String path) throws MalformedRecordException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue())) {
            return (long) node.doubleValue();
        }
        if (node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().strip());
            } catch (final NumberFormatException e) {
                throw mismatch(node, "an integer", path);
            }
        }
        throw mismatch(node, "an integer", path);
    }

    static Double decimal(final JsonNode node, final String path) throws MalformedRecordException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().strip());
            } catch (final NumberFormatException e) {
                throw mismatch(node, "a number", path);
            }
        }
        throw mismatch(node, "a number", path);
    }

    private static Boolean bool(final JsonNode node, final String path) throws MalformedRecordException {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.intValue() == 0 || node.intValue() == 1)) {
            return node.intValue() == 1;
        }
        if (node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText());
        }
        throw mismatch(node, "a boolean", path);
    }

    private static MalformedRecordException mismatch(final JsonNode node, final String expected, final String path) {
        final String shown = node.isValueNode() ? node.toString() : node.getNodeType().name().toLowerCase() + " value";
        return new MalformedRecordException(path + " is " + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown)
                + ", not " + expected + " as Tencent's answer model declares");
    }
}
