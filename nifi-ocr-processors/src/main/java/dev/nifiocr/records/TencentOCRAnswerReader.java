package dev.nifiocr.records;

import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.MalformedRecordException;
import org.apache.nifi.serialization.RecordReader;
import org.apache.nifi.serialization.RecordReaderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Reads the JSON answers of InvokeTencentOCR and GetTencentOCRJobStatus as records of a chosen shape. */
@Tags({"tencent", "ocr", "record", "reader", "json", "invoice", "table", "lines", "key value"})
@CapabilityDescription("Turns Tencent Cloud OCR answers into records for PutDatabaseRecord, ConvertRecord and every record writer: "
        + "lines, fields, items, table rows or cells, or key/value pairs. It reads the JSON InvokeTencentOCR and GetTencentOCRJobStatus write. The schema is derived from the Action's answer model, the same for "
        + "every FlowFile of one Action and shape, so PutDatabaseRecord and every record writer take the records without a Jolt "
        + "specification or a schema to write.")
@SeeAlso(classNames = {"dev.nifiocr.processors.InvokeTencentOCR", "dev.nifiocr.processors.GetTencentOCRJobStatus", "dev.nifiocr.processors.SplitDocument"})
public class TencentOCRAnswerReader extends AbstractControllerService implements RecordReaderFactory {

    /**
     * The attributes InvokeTencentOCR and SplitDocument write (OcrAttributes.ACTION and PAGE_NUMBER; the records package
     * may not import the processors, TencentOCRAnswerReaderTest holds them equal).
     */
    static final String ACTION_ATTRIBUTE = "tencent.ocr.action";
    static final String PAGE_NUMBER_ATTRIBUTE = "tencent.ocr.page.number";

    static final PropertyDescriptor RECORD_SHAPE = new PropertyDescriptor.Builder()
            .name("Record Shape")
            .description("What one record is. Auto picks the Action's natural shape; a shape the Action's answer does not have fails the FlowFile "
                    + "with a message listing the shapes it has.")
            .required(true)
            .allowableValues(RecordShape.class)
            .defaultValue(RecordShape.AUTO)
            .build();

    static final PropertyDescriptor OCR_ACTION = new PropertyDescriptor.Builder()
            .name("OCR Action")
            .description("The Action whose answer the content is, which fixes the schema. By default the " + ACTION_ATTRIBUTE
                    + " attribute InvokeTencentOCR writes; set an Action name for answers written elsewhere.")
            .required(true)
            .defaultValue("${" + ACTION_ATTRIBUTE + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                    .valid(context.isExpressionLanguagePresent(input) || ShapeCatalogue.shared().knows(input))
                    .explanation("not one of the " + ShapeCatalogue.shared().actions().size() + " current OCR Actions").build())
            .build();

    static final PropertyDescriptor PAGE_NUMBER = new PropertyDescriptor.Builder()
            .name("Page Number")
            .description("The document page the answer read, written to every record's Page field. By default SplitDocument's "
                    + PAGE_NUMBER_ATTRIBUTE + "; empty when there is none (Items then keep the answer's own Page).")
            .required(false)
            .defaultValue("${" + PAGE_NUMBER_ATTRIBUTE + "}")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(RECORD_SHAPE, OCR_ACTION, PAGE_NUMBER);

    private volatile ConfigurationContext configuration;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        this.configuration = context;
    }

    @Override
    public RecordReader createRecordReader(final Map<String, String> variables, final InputStream in, final long inputLength, final ComponentLog logger)
            throws MalformedRecordException, IOException, SchemaNotFoundException {
        final ConfigurationContext context = configuration;
        final RecordShape shape = RecordShape.of(context.getProperty(RECORD_SHAPE).getValue());
        final String action = context.getProperty(OCR_ACTION).evaluateAttributeExpressions(variables).getValue();
        if (action == null || action.isBlank()) {
            throw new SchemaNotFoundException("No OCR Action for this content: it has no " + ACTION_ATTRIBUTE
                    + " attribute; set the reader's OCR Action to the Action whose answers it reads");
        }
        // a schema problem, not bad content: PutDatabaseRecord and ConvertRecord route it to failure as such
        final String unreadable = ShapeCatalogue.shared().unreadable(action.strip(), shape);
        if (unreadable != null) {
            throw new SchemaNotFoundException(unreadable);
        }
        return AnswerRecordReader.of(action.strip(), shape, page(context.getProperty(PAGE_NUMBER).evaluateAttributeExpressions(variables).getValue()), in);
    }

    private static Long page(final String value) throws MalformedRecordException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (final NumberFormatException e) {
            throw new MalformedRecordException("Page Number '" + value + "' is not a number");
        }
    }
}
