package dev.nifiocr.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.records.AnswerModels.Field;
import org.apache.nifi.serialization.MalformedRecordException;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Walks an element of a top-level list down the lists inside it to the structures of one kind (lines, pairs), as the
 * answer model lays them out: StructuralList[].Groups[].Lines[], Response[].TextDetections[].
 */
final class NestedLists {

    /** Called with each structure found, its type and the list indexes that led to it, outermost first. */
    @FunctionalInterface
    interface Visitor {
        void found(JsonNode structure, String type, int[] indexes) throws MalformedRecordException;
    }

    private final Structures structures;
    private final Predicate<String> kind;

    NestedLists(final Structures structures, final Predicate<String> kind) {
        this.structures = structures;
        this.kind = kind;
    }

    /** The top-level fields that lead to the kind. */
    List<String> fields(final List<Field> answer) {
        return answer.stream().filter(field -> structures.reaches(field, kind)).map(Field::name).toList();
    }

    void walk(final JsonNode element, final String type, final int[] indexes, final Visitor visitor) throws MalformedRecordException {
        if (element == null || !element.isObject()) {
            return;
        }
        if (kind.test(type)) {
            visitor.found(element, type, indexes);
            return;
        }
        for (final Field inner : structures.fields(type)) {
            if (structures.reaches(inner, kind) && element.path(inner.name()).isArray()) {
                final JsonNode list = element.get(inner.name());
                for (int i = 0; i < list.size(); i++) {
                    final int[] deeper = Arrays.copyOf(indexes, indexes.length + 1);
                    deeper[indexes.length] = i;
                    walk(list.get(i), inner.elementType(), deeper, visitor);
                }
            }
        }
    }
}
