package dev.nifiocr.records;

import dev.nifiocr.records.AnswerModels.Field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A shape whose records are structures of one kind found down the answer's lists (Lines, Key Values). */
abstract class NestedListShape implements ShapePlan {

    final NestedLists lists;
    /** The top-level fields that lead to the kind, with their element types. */
    final Map<String, String> types;

    NestedListShape(final NestedLists lists, final Map<String, String> types) {
        this.lists = lists;
        this.types = types;
    }

    /** The top-level fields of the answer that lead to the lists' kind, with their element types; empty when none does. */
    static Map<String, String> leading(final List<Field> answer, final NestedLists lists) {
        final List<String> leading = lists.fields(answer);
        final Map<String, String> types = new LinkedHashMap<>();
        answer.stream().filter(field -> leading.contains(field.name())).forEach(field -> types.put(field.name(), field.elementType()));
        return types;
    }

    @Override
    public String source() {
        return String.join(", ", types.keySet().stream().map(name -> name + "[]").toList());
    }

    @Override
    public Set<String> reads() {
        return types.keySet();
    }
}
