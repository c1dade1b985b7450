package dev.nifiocr.processors;

import dev.nifiocr.image.FittedImage;
import dev.nifiocr.image.ImageFitException;
import dev.nifiocr.image.ImageFitter;
import dev.nifiocr.image.ImageLimits;
import dev.nifiocr.image.MemoryBudget;
import dev.nifiocr.image.OutputFormat;
import dev.nifiocr.parsing.ParserGuard;
import dev.nifiocr.request.RequestProperties;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.SideEffectFree;
import org.apache.nifi.annotation.behavior.SupportsBatching;
import org.apache.nifi.annotation.behavior.SystemResource;
import org.apache.nifi.annotation.behavior.SystemResourceConsideration;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SideEffectFree
@SupportsBatching
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "Each concurrent task holds one image while it is "
        + "fitted: the input, the decoded pixels (1 to 8 bytes each by bit depth and bands; a 12-megapixel RGB photo 36 MB) and "
        + "working copies. Memory Budget bounds it in bytes, computed from the header before decoding; by default half the heap "
        + "shared by the concurrent tasks.")
@Tags({"image", "compress", "resize", "jpeg", "png", "tiff", "webp", "exif", "ocr", "tencent"})
@CapabilityDescription("Prepares images for InvokeTencentOCR: fits JPEG, PNG, BMP, GIF, TIFF and WebP images to Tencent Cloud OCR's "
        + "size limits. Images are turned upright by their EXIF orientation, scaled and re-encoded until their Base64 fits the Action's limit. JPEG by default; transparency is "
        + "flattened onto white, the short side stays large enough for legible text, CMYK JPEGs are read, and images that "
        + "already fit, in a format Tencent reads, pass through unchanged.")
@SeeAlso({InvokeTencentOCR.class, EncryptOCRPayload.class})
@WritesAttributes({
        @WritesAttribute(attribute = OcrAttributes.IMAGE_CHANGED, description = "false when the image passed through unchanged"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_FORMAT, description = "Format of the output: jpeg, png, bmp or pdf"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_WIDTH, description = "Width of the output in pixels"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_HEIGHT, description = "Height of the output in pixels"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_BYTES, description = "Size of the output in bytes"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_QUALITY, description = "JPEG quality written (1-100), when re-encoded as JPEG"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_ORIGINAL_FORMAT, description = "Format of the input"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_ORIGINAL_WIDTH, description = "Width of the input in pixels"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_ORIGINAL_HEIGHT, description = "Height of the input in pixels"),
        @WritesAttribute(attribute = OcrAttributes.IMAGE_ORIGINAL_BYTES, description = "Size of the input in bytes"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CODE, description = "Why the image was refused, on failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_MESSAGE, description = "Why the image was refused, in words, on failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CATEGORY, description = "INPUT, on failure"),
        @WritesAttribute(attribute = "mime.type", description = "image/jpeg, image/png... of the output"),
        @WritesAttribute(attribute = "filename", description = "A re-encoded image's name with the extension of its new format (scan.bmp becomes scan.jpg); "
                + "kept when the image passes through or its extension already fits")
})
@UseCase(description = "Prepare phone photos and scans for OCR.",
        keywords = {"compress", "resize", "photo", "scan"},
        configuration = """
                Put CompressImage in front of InvokeTencentOCR and keep the defaults: 7 MB after Base64 suits every Action but TableOCR
                (3 MB), and the 600 px minimum short side follows Tencent's recommendation of at least 600 x 800 pixels.
                Connect "failure" to an error path: it receives non-images, corrupt files and images that cannot fit.
                """)
public class CompressImage extends AbstractProcessor {

    public static final PropertyDescriptor MAXIMUM_ENCODED_SIZE = new PropertyDescriptor.Builder()
            .name("Maximum Encoded Size")
            .description("Largest size of the image after Base64 encoding, as Tencent counts it: 7 MB fits every Action but "
                    + "TableOCR (3 MB); 10 MB fits the general Actions such as GeneralBasicOCR. 1 MB = 1,048,576 characters.")
            .required(true)
            .defaultValue("7 MB")
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAXIMUM_LONG_SIDE = new PropertyDescriptor.Builder()
            .name("Maximum Long Side")
            .description("Largest width or height of the output, in pixels.")
            .required(true)
            .defaultValue("4096")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor MINIMUM_SHORT_SIDE = new PropertyDescriptor.Builder()
            .name("Minimum Short Side")
            .description("The shorter side is never scaled below this many pixels (smaller inputs are not enlarged): below it text "
                    + "becomes illegible, so an image that cannot fit otherwise goes to failure. Tencent recommends at least 600 x 800.")
            .required(true)
            .defaultValue("600")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor OUTPUT_FORMAT = new PropertyDescriptor.Builder()
            .name("Output Format")
            .description("Format written when the image has to be re-encoded.")
            .required(true)
            .allowableValues(OutputFormat.class)
            .defaultValue(OutputFormat.JPEG)
            .build();

    public static final PropertyDescriptor JPEG_QUALITY = new PropertyDescriptor.Builder()
            .name("JPEG Quality")
            .description("JPEG quality tried first, 1 to 100; 85 keeps text sharp at a fraction of the size.")
            .required(true)
            .defaultValue("85")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .dependsOn(OUTPUT_FORMAT, OutputFormat.JPEG)
            .build();

    public static final PropertyDescriptor MINIMUM_JPEG_QUALITY = new PropertyDescriptor.Builder()
            .name("Minimum JPEG Quality")
            .description("Lowest JPEG quality used before the image is scaled down instead, 1 to 100.")
            .required(true)
            .defaultValue("50")
            .addValidator(StandardValidators.createLongValidator(1, 100, true))
            .dependsOn(OUTPUT_FORMAT, OutputFormat.JPEG)
            .build();

    public static final PropertyDescriptor GRAYSCALE_ENABLED = new PropertyDescriptor.Builder()
            .name("Grayscale Enabled")
            .description("Convert to grayscale: about a third smaller, and enough for recognising text (not for colour checks such as seals).")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor MAXIMUM_PIXELS = new PropertyDescriptor.Builder()
            .name("Maximum Pixels")
            .description("Images whose header declares more pixels than this are refused before decoding, protecting NiFi's memory "
                    + "from decompression bombs. 100,000,000 is a 10000 x 10000 scan.")
            .required(true)
            .defaultValue("100000000")
            .addValidator(StandardValidators.POSITIVE_LONG_VALIDATOR)
            .build();

    public static final PropertyDescriptor MEMORY_BUDGET = new PropertyDescriptor.Builder()
            .name("Memory Budget")
            .description("Heap one image may take while it is fitted: the input, the decoded pixels at the bit depth and bands the "
                    + "decoder produces (16-bit RGBA takes 8 bytes a pixel, CMYK is also held before conversion) and the working "
                    + "copies, computed from the header before anything is decoded. An image that must shrink anyway is decoded "
                    + "subsampled until it fits; one that cannot fit goes to failure (Client.ImageTooLarge) with the figures. "
                    + "When not set: half of NiFi's maximum heap divided by this processor's Concurrent Tasks.")
            .required(false)
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The image, fitted to the limits, or unchanged when it already fitted.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The input, unchanged: empty, not an image, corrupt or truncated, too many pixels, over the memory budget, "
                    + "or unable to fit without going below the minimum short side.")
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            MAXIMUM_ENCODED_SIZE,
            MAXIMUM_LONG_SIDE,
            MINIMUM_SHORT_SIDE,
            OUTPUT_FORMAT,
            JPEG_QUALITY,
            MINIMUM_JPEG_QUALITY,
            GRAYSCALE_ENABLED,
            MAXIMUM_PIXELS,
            MEMORY_BUDGET
    );

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_FAILURE);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        if (context.getProperty(OUTPUT_FORMAT).asAllowableValue(OutputFormat.class) == OutputFormat.JPEG
                && context.getProperty(MINIMUM_JPEG_QUALITY).asInteger() > context.getProperty(JPEG_QUALITY).asInteger()) {
            results.add(new ValidationResult.Builder().subject(MINIMUM_JPEG_QUALITY.getName()).valid(false)
                    .explanation("[%s] must not exceed [%s]".formatted(MINIMUM_JPEG_QUALITY.getName(), JPEG_QUALITY.getName())).build());
        }
        return results;
    }

    private volatile long memoryBudget;

    @OnScheduled
    public void setMemoryBudget(final ProcessContext context) {
        memoryBudget = context.getProperty(MEMORY_BUDGET).isSet()
                ? context.getProperty(MEMORY_BUDGET).asDataSize(DataUnit.B).longValue()
                : MemoryBudget.defaultBudget(context.getMaxConcurrentTasks());
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        if (flowFile.getSize() > memoryBudget) {
            refuse(context, session, flowFile, new ImageFitException(ImageFitException.CANNOT_FIT, "Content is %,d bytes, over the memory budget of %,d bytes: refused before reading"
                    .formatted(flowFile.getSize(), memoryBudget)));
            return;
        }
        final ImageLimits limits;
        try {
            limits = limits(context, flowFile);
        } catch (final RuntimeException e) {
            // a value from this FlowFile's attributes (a bad size, a failing expression): the same FlowFile would fail
            // again, so it is not rolled back
            refuse(context, session, flowFile, new ImageFitException(ImageFitException.INVALID_PROPERTY, "[%s] evaluated to a value that is not a size of at least 4 B (e.g. 7 MB)"
                    .formatted(MAXIMUM_ENCODED_SIZE.getName())));
            return;
        }
        final byte[] input = RequestProperties.readContent(session, flowFile);
        try {
            final FittedImage fitted = fit(input, limits);
            flowFile = session.putAllAttributes(flowFile, ImageAttributes.of(fitted, flowFile.getAttribute(CoreAttributes.FILENAME.key())));
            if (fitted.changed()) {
                flowFile = session.write(flowFile, out -> out.write(fitted.bytes()));
                session.adjustCounter("Images Compressed", 1, false);
                session.adjustCounter("Image Bytes Saved", input.length - fitted.bytes().length, false);
            } else {
                session.adjustCounter("Images Passed Through", 1, false);
            }
            session.transfer(flowFile, REL_SUCCESS);
        } catch (final ImageFitException e) {
            refuse(context, session, flowFile, e);
        }
    }

    /**
     * Fits the image under the {@link ParserGuard}: whatever the decoders throw on this content, an OutOfMemoryError included
     * (other work took the heap the budget counted on), is a refusal, so the FlowFile goes to failure instead of being
     * rolled back and taken again in a loop.
     */
    private static FittedImage fit(final byte[] input, final ImageLimits limits) throws ImageFitException {
        return ParserGuard.IMAGE.parse("The image", () -> ImageFitter.fit(input, limits), ImageFitException::new);
    }

    private void refuse(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final ImageFitException e) {
        session.adjustCounter("Images Refused", 1, false);
        FailureRoute.toFailure(getLogger(), REL_FAILURE).route(context, session, flowFile, "Image", e.getErrorCode(), e.getMessage());
    }

    private ImageLimits limits(final ProcessContext context, final FlowFile flowFile) {
        final OutputFormat format = context.getProperty(OUTPUT_FORMAT).asAllowableValue(OutputFormat.class);
        final boolean jpeg = format == OutputFormat.JPEG;
        return new ImageLimits(
                context.getProperty(MAXIMUM_ENCODED_SIZE).evaluateAttributeExpressions(flowFile).asDataSize(DataUnit.B).longValue(),
                context.getProperty(MAXIMUM_LONG_SIDE).asInteger(),
                context.getProperty(MINIMUM_SHORT_SIDE).asInteger(),
                jpeg ? context.getProperty(JPEG_QUALITY).asInteger() : 100,
                jpeg ? context.getProperty(MINIMUM_JPEG_QUALITY).asInteger() : 100,
                context.getProperty(GRAYSCALE_ENABLED).asBoolean(),
                context.getProperty(MAXIMUM_PIXELS).asLong(),
                format,
                memoryBudget);
    }
}
