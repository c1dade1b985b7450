package dev.nifiocr.records;

import dev.nifiocr.records.AnswerModels.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which shapes each Action's answer has, and the plan of each, derived once from the answer model: every FlowFile of
 * one Action and shape gets the same schema (the same instance), as PutDatabaseRecord and columnar writers need.
 */
public final class ShapeCatalogue {

    /** Top-level fields that say how the answer was made rather than what the document says. */
    private static final Set<String> BOOKKEEPING = Set.of("Angle", "Angel", "PdfPageSize", "Language", "TotalPDFCount", "ImageSize", "ImgSize",
            "ErrorCode", "ErrorMessage", "JobStatus", "ThoughtContent", "TokenNum");
    private static final ShapeCatalogue SHARED = new ShapeCatalogue(AnswerModels.shared());

    private final AnswerModels models;
    private final Structures structures;
    private final Map<String, Map<RecordShape, Optional<ShapePlan>>> plans = new ConcurrentHashMap<>();

    ShapeCatalogue(final AnswerModels models) {
        this.models = models;
        this.structures = new Structures(models);
    }

    public static ShapeCatalogue shared() {
        return SHARED;
    }

    /** Whether the Action has an answer model (the 80 current Actions do; a Custom Action may not). */
    public boolean knows(final String action) {
        return models.answer(action) != null;
    }

    public Set<String> actions() {
        return models.actions();
    }

    /** The shapes the Action's answer has, Auto aside, in the order of {@link RecordShape}. */
    public List<RecordShape> shapes(final String action) {
        final List<RecordShape> shapes = new ArrayList<>();
        for (final RecordShape shape : RecordShape.values()) {
            if (shape != RecordShape.AUTO && plan(action, shape).isPresent()) {
                shapes.add(shape);
            }
        }
        return shapes;
    }

    /** Why the Action's answers cannot be read in the shape (unknown Action, a shape it lacks), or null when they can. */
    public String unreadable(final String action, final RecordShape shape) {
        if (!knows(action)) {
            return "No answer model for OCR Action '" + action + "': it is not one of the " + actions().size() + " current OCR Actions";
        }
        return plan(action, shape).isPresent() ? null
                : action + " answers have no " + shape.getValue() + " shape; they have " + shapes(action).stream().map(RecordShape::getValue).toList();
    }

    /** The plan of a shape for the Action (Auto resolved); empty when its answer does not have that shape. */
    Optional<ShapePlan> plan(final String action, final RecordShape shape) {
        final List<Field> answer = models.answer(action);
        if (answer == null) {
            return Optional.empty();
        }
        final RecordShape resolved = shape == RecordShape.AUTO ? auto(action) : shape;
        return plans.computeIfAbsent(action, key -> new ConcurrentHashMap<>()).computeIfAbsent(resolved, key -> build(answer, key));
    }

    /**
     * The natural shape: Table Rows for tables; Key Values for structural extraction (StructuralList, StructuralItems);
     * Items when the answer is a list of business objects and says nothing else (RecognizeGeneralInvoice, QrcodeOCR);
     * Fields when it has fields of its own or Name/Value lists (cards, licences, VatInvoiceOCR); Lines for text; else Fields.
     */
    public RecordShape auto(final String action) {
        final List<Field> answer = models.answer(action);
        if (answer == null) {
            return RecordShape.FIELDS;
        }
        if (build(answer, RecordShape.TABLE_ROWS).isPresent()) {
            return RecordShape.TABLE_ROWS;
        }
        final Optional<ShapePlan> pairs = build(answer, RecordShape.KEY_VALUES);
        if (pairs.isPresent() && ((KeyValuesShape) pairs.get()).structural()) {
            return RecordShape.KEY_VALUES;
        }
        final boolean ownFields = answer.stream().anyMatch(field -> !BOOKKEEPING.contains(field.name())
                && (!field.isList() || field.isScalarList() || structures.isPair(field.elementType())));
        if (!ownFields && build(answer, RecordShape.ITEMS).isPresent()) {
            return RecordShape.ITEMS;
        }
        if (!ownFields && build(answer, RecordShape.LINES).isPresent()) {
            return RecordShape.LINES;
        }
        return RecordShape.FIELDS;
    }

    private Optional<ShapePlan> build(final List<Field> answer, final RecordShape shape) {
        return switch (shape) {
            case LINES -> LinesShape.plan(answer, structures);
            case FIELDS, AUTO -> FieldsShape.plan(answer, structures);
            case ITEMS -> ItemsShape.plan(answer, structures);
            case TABLE_ROWS, TABLE_CELLS -> TableShapes.plan(shape, answer, structures);
            case KEY_VALUES -> KeyValuesShape.plan(answer, structures);
        };
    }
}
