package dev.nifiocr.processors;

import dev.nifiocr.request.OcrAction;
import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;

import java.util.Arrays;
import java.util.List;

/** What InvokeTencentOCR writes as the success FlowFile's content. */
enum AnswerFormat implements DescribedValue {

    TENCENT_JSON("Tencent JSON", "Tencent's whole JSON answer, as it came (decrypted where it was encrypted)."),
    TEXT("Text", "The recognised text, one line per detected line in Tencent's reading order (TextDetections[].DetectedText), "
            + "UTF-8. An answer with no text (FailedOperation.ImageNoText) gives an empty text, so a blank page keeps its place "
            + "in a merged document. Tencent's JSON answer goes to the 'answer' relationship when it is connected.");

    private final String displayName;
    private final String description;

    AnswerFormat(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    /** The Actions whose answers carry TextDetections[].DetectedText, for which Text is offered. */
    static final List<OcrAction> TEXT_ACTIONS = Arrays.stream(OcrAction.values())
            .filter(action -> action.getCategory() == OcrAction.Category.GENERAL_TEXT && action.returnedFields().contains("TextDetections"))
            .toList();

    /** InvokeTencentOCR's choice, offered only while a text Action is chosen. */
    static final PropertyDescriptor OUTPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Output Format")
            .description("What the success FlowFile holds for the general-text Actions: Tencent's JSON answer, or the recognised text.")
            .required(true)
            .allowableValues(AnswerFormat.class)
            .defaultValue(AnswerFormat.TENCENT_JSON)
            .dependsOn(ActionChoice.OCR_ACTION, AnswerFormat.TEXT_ACTIONS.getFirst(), AnswerFormat.TEXT_ACTIONS.toArray(new OcrAction[0]))
            .build();

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
