package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.annotations.SerializedName;
import dev.nifiocr.records.AnswerModels.Field;
import dev.nifiocr.test.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answer models (generated from Tencent's API description) held to two independent sources: the official SDK's
 * response classes (tencentcloud-sdk-java-ocr, the newest release on Maven Central, which is older than the API
 * description: every field it declares must be in the models with the same type) and every documented example answer
 * (every field of each must be declared, with a type its value fits).
 */
class AnswerModelsTest {

    private static final AnswerModels MODELS = AnswerModels.shared();
    private static final String SDK_MODELS = "com.tencentcloudapi.ocr.v20181119.models.";
    /** Where Tencent's API description moved on after the SDK release on Maven Central. */
    private static final Set<String> CHANGED_SINCE_THE_SDK = Set.of("OnlineTaxiItinerary.Content: [OtherInvoiceItem] -> [OnlineTaxiItineraryInfo]");

    @Test
    void everyFieldOfTheSdksResponseClassesIsModelledWithItsType() {
        final List<String> problems = new ArrayList<>();
        final Set<String> checked = new HashSet<>();
        int actions = 0;
        for (final String action : MODELS.actions()) {
            final Class<?> response;
            try {
                response = Class.forName(SDK_MODELS + action + "Response");
            } catch (final ClassNotFoundException newerThanTheSdk) {
                continue;
            }
            actions++;
            compare(action, response, MODELS.answer(action), problems, checked);
        }
        System.out.printf("AnswerModelsTest: %d Actions and %d structures compared with tencentcloud-sdk-java-ocr's classes%n", actions,
                checked.size() - actions);
        assertTrue(actions >= 60, "Actions in the SDK: " + actions);
        assertEquals(List.of(), problems);
    }

    private void compare(final String name, final Class<?> sdk, final List<Field> model, final List<String> problems, final Set<String> checked) {
        if (!checked.add(name)) {
            return;
        }
        for (final java.lang.reflect.Field field : sdk.getDeclaredFields()) {
            final SerializedName serialized = field.getAnnotation(SerializedName.class);
            if (serialized == null || serialized.value().equals("RequestId")) {
                continue;
            }
            final Field modelled = AnswerModels.field(model, serialized.value());
            if (modelled == null) {
                problems.add(name + "." + serialized.value() + " is in the SDK, not in the model");
                continue;
            }
            final String type = type(field.getType());
            if (CHANGED_SINCE_THE_SDK.contains(name + "." + serialized.value() + ": " + type + " -> " + modelled.type())) {
                // a newer structure of the same kind: both are pairs, so the columns they give do not change
                final Structures structures = new Structures(MODELS);
                assertTrue(structures.isPair(type.replaceAll("[\\[\\]]", "")) && structures.isPair(modelled.elementType()), name);
                continue;
            }
            if (!type.equals(modelled.type())) {
                problems.add(name + "." + serialized.value() + " is " + type + " in the SDK, " + modelled.type() + " in the model");
                continue;
            }
            final Class<?> element = field.getType().isArray() ? field.getType().getComponentType() : field.getType();
            if (element.getName().startsWith(SDK_MODELS)) {
                final List<Field> structure = MODELS.structure(element.getSimpleName());
                assertNotNull(structure, element.getSimpleName());
                compare(element.getSimpleName(), element, structure, problems, checked);
            }
        }
    }

    private static String type(final Class<?> type) {
        if (type.isArray()) {
            return "[" + type(type.getComponentType()) + "]";
        }
        return switch (type.getSimpleName()) {
            case "String" -> "string";
            case "Long", "Integer" -> "int";
            case "Float", "Double" -> "float";
            case "Boolean" -> "bool";
            default -> type.getSimpleName();
        };
    }

    static List<String> examples() {
        return Examples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyFieldOfTheExampleIsModelledWithATypeItsValueFits(final String example) {
        final String action = Examples.action(example);
        final List<Field> answer = MODELS.answer(action);
        assertNotNull(answer, action + " has an example but no model");
        final JsonNode response = Fixtures.json(example).get("Response");
        final Set<String> problems = new TreeSet<>();
        response.properties().forEach(entry -> {
            if (!Set.of("RequestId", "Error").contains(entry.getKey())) {
                check(action, answer, entry.getKey(), entry.getValue(), problems);
            }
        });
        assertEquals(Set.of(), problems, example);
    }

    private void check(final String path, final List<Field> fields, final String name, final JsonNode value, final Set<String> problems) {
        final Field field = AnswerModels.field(fields, name);
        if (field == null) {
            problems.add(path + "." + name + " is not in the model");
            return;
        }
        if (value.isNull()) {
            return;
        }
        if (field.isList()) {
            if (!value.isArray()) {
                problems.add(path + "." + name + " is not a list");
                return;
            }
            value.forEach(element -> checkValue(path + "." + name + "[]", field.elementType(), element, problems));
        } else {
            checkValue(path + "." + name, field.type(), value, problems);
        }
    }

    private void checkValue(final String path, final String type, final JsonNode value, final Set<String> problems) {
        if (value.isNull()) {
            return;
        }
        final boolean fits = switch (type) {
            case "string" -> value.isValueNode();
            case "int" -> value.isIntegralNumber() || value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue());
            case "float" -> value.isNumber();
            case "bool" -> value.isBoolean();
            default -> value.isObject();
        };
        if (!fits) {
            problems.add(path + " = " + value + " does not fit " + type);
        } else if (value.isObject()) {
            final List<Field> structure = MODELS.structure(type);
            value.properties().forEach(entry -> check(path, structure, entry.getKey(), entry.getValue(), problems));
        }
    }

    @Test
    void everyStructureTheAnswersUseIsModelled() {
        final Set<String> missing = new TreeSet<>();
        for (final String action : MODELS.actions()) {
            MODELS.answer(action).forEach(field -> reach(field.elementType(), missing, new HashSet<>()));
        }
        assertEquals(Set.of(), missing);
    }

    private void reach(final String type, final Set<String> missing, final Set<String> seen) {
        if (AnswerModels.isScalarType(type) || !seen.add(type)) {
            return;
        }
        final List<Field> structure = MODELS.structure(type);
        if (structure == null) {
            missing.add(type);
            return;
        }
        structure.forEach(field -> reach(field.elementType(), missing, seen));
    }
}
