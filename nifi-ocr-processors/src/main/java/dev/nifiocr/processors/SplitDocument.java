package dev.nifiocr.processors;

import dev.nifiocr.document.ContentName;
import dev.nifiocr.document.DocumentException;
import dev.nifiocr.document.PageNames;
import dev.nifiocr.document.PageRange;
import dev.nifiocr.document.PageSource;
import dev.nifiocr.document.TextLayer;
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
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.flowfile.attributes.FragmentAttributes;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@SideEffectFree
@SupportsBatching
@SystemResourceConsideration(resource = SystemResource.DISK, description = "The document is copied to a temporary file and read from there, with "
        + "PDFBox's scratch buffers on disk too, so that a document of hundreds of pages never sits in the heap.")
@SystemResourceConsideration(resource = SystemResource.MEMORY, description = "One page at a time: a TIFF page takes its decoded size (1 bit a pixel "
        + "for black and white, 3 bytes for RGB) while it becomes a PNG, bounded by Maximum TIFF Page Pixels and by half of the heap, checked from its header.")
@Tags({"split", "pdf", "tiff", "page", "pages", "document", "scan", "ocr", "tencent", "fragment"})
@CapabilityDescription("Splits a PDF or multi-page TIFF into one FlowFile per page, with fragment attributes so that MergeContent "
        + "(Defragment) puts the results back in page order. Each page is a one-page PDF, or a PNG for a TIFF page (lossless; Tencent reads no TIFF); pages can be chosen with a page range. Optionally, PDF pages that already carry enough text in their text layer "
        + "are extracted locally instead of being sent to Tencent Cloud OCR, which bills every page it reads.")
@SeeAlso(value = {InvokeTencentOCR.class, SubmitTencentOCRJob.class}, classNames = {"org.apache.nifi.processors.standard.MergeContent"})
@WritesAttributes({
        @WritesAttribute(attribute = "fragment.identifier", description = "The same value on every page of one document and on the original"),
        @WritesAttribute(attribute = "fragment.index", description = "Position of the page among the pages written, from 0"),
        @WritesAttribute(attribute = "fragment.count", description = "How many pages were written for the document"),
        @WritesAttribute(attribute = "segment.original.filename", description = "The filename of the document"),
        @WritesAttribute(attribute = OcrAttributes.PAGE_NUMBER, description = "The page's number in the document, from 1"),
        @WritesAttribute(attribute = OcrAttributes.PAGE_COUNT, description = "How many pages the document has (on pages and original)"),
        @WritesAttribute(attribute = OcrAttributes.SOURCE, description = "text-layer on pages whose text was read from the PDF itself"),
        @WritesAttribute(attribute = "filename", description = "The document's name with the page number and the page's format, e.g. contract.page-0003.pdf, scan.page-0001.png, contract.page-0002.txt"),
        @WritesAttribute(attribute = "mime.type", description = "application/pdf, image/png for TIFF pages, or text/plain for text-layer pages"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CODE, description = "Why the document was refused, on failure: Client.UnsupportedDocument, "
                + "Client.EncryptedDocument, Client.CorruptDocument, Client.TooManyPages, Client.TooManyPixels, Client.PageTooLarge, Client.InvalidPageRange, Client.NestingTooDeep or Client.DocumentOutOfMemory"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_MESSAGE, description = "Why the document was refused, in words, on failure"),
        @WritesAttribute(attribute = OcrAttributes.ERROR_CATEGORY, description = "INPUT, on failure")
})
@UseCase(description = "OCR every page of scanned PDFs and put the answers back together in page order.",
        keywords = {"pdf", "pages", "multi-page", "scan", "document", "merge"},
        configuration = """
                Put SplitDocument in front of InvokeTencentOCR and connect "splits" to it. Choose an Action that reads PDF
                (for example GeneralAccurateOCR): each page arrives as a one-page PDF, so the Action reads page 1 of it.
                Connect InvokeTencentOCR's "success" to MergeContent with Merge Strategy "Defragment": the fragment attributes
                survive the call, so MergeContent waits for every page of a document and writes them in page order.
                Route "retry" back to InvokeTencentOCR: a page that failed for a passing reason is retried alone.
                """)
@UseCase(description = "Skip OCR, and its cost, for pages that already have a text layer.",
        keywords = {"text layer", "born digital", "cost", "skip"},
        configuration = """
                Set "Use Text Layer" to true: the "text layer" relationship appears. Pages whose own text has at least "Minimum Text
                Layer Characters" visible characters go there, the text as content and tencent.ocr.source=text-layer; connect it to the
                same MergeContent as the OCR results. The counter "Pages Read from Text Layer" says how many calls were saved.
                """)
public class SplitDocument extends AbstractProcessor {

    public static final PropertyDescriptor PAGE_RANGE = new PropertyDescriptor.Builder()
            .name("Page Range")
            .description("The pages to write, as in a print dialog: 1-3,7 or 2- (from page 2 to the end). Empty means every page. "
                    + "Pages past the end of a document are left out; a range selecting no page of it sends the document to failure.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(StandardValidators.ATTRIBUTE_EXPRESSION_LANGUAGE_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAXIMUM_PAGES = new PropertyDescriptor.Builder()
            .name("Maximum Page Count")
            .description("Documents with more pages than this go to failure (Client.TooManyPages) before any page is written, "
                    + "protecting the flow from page bombs.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAXIMUM_PIXELS = new PropertyDescriptor.Builder()
            .name("Maximum TIFF Page Pixels")
            .description("A TIFF page whose header declares more pixels than this is refused before it is decoded (Client.TooManyPixels), protecting "
                    + "NiFi's memory from decompression bombs; PDF pages are copied, not decoded. 100,000,000 is a 10000 x 10000 scan.")
            .required(true)
            .defaultValue("100000000")
            .addValidator(StandardValidators.POSITIVE_LONG_VALIDATOR)
            .build();

    public static final PropertyDescriptor USE_TEXT_LAYER = new PropertyDescriptor.Builder()
            .name("Use Text Layer")
            .description("When true, a PDF page that already carries its text (a page made by software, not a scan) is not split for OCR: its text "
                    + "goes to the \"text layer\" relationship, saving the call Tencent would bill. That relationship exists only while this is true.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor MINIMUM_TEXT_CHARACTERS = new PropertyDescriptor.Builder()
            .name("Minimum Text Layer Characters")
            .description("How many visible characters a page's text layer needs to be used instead of OCR. Scans often carry a few "
                    + "characters (a page number, a stamp from the scanner) that must not stop them from being read.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .dependsOn(USE_TEXT_LAYER, "true")
            .build();

    public static final Relationship REL_SPLITS = new Relationship.Builder()
            .name("splits")
            .description("One FlowFile per page: a one-page PDF, or a PNG for each page of a TIFF, ready for InvokeTencentOCR.")
            .build();

    public static final Relationship REL_TEXT_LAYER = new Relationship.Builder()
            .name("text layer")
            .description("Pages read from the PDF's own text layer, as UTF-8 text, with the same fragment attributes as the splits: merge them "
                    + "with the OCR results. Present only while Use Text Layer is true.")
            .build();

    public static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("The document, unchanged, with fragment.identifier, fragment.count and the page count, once it is split.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("The document, unchanged, when it cannot be split: not a PDF or TIFF, encrypted, corrupt, too many pages "
                    + "or pixels, or a page range that is invalid or selects no page. No page is written for it.")
            .build();

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(PAGE_RANGE, MAXIMUM_PAGES, MAXIMUM_PIXELS, USE_TEXT_LAYER, MINIMUM_TEXT_CHARACTERS);

    // "text layer" only while Use Text Layer is true: off, it could never receive anything, yet would have to be connected
    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SPLITS, REL_ORIGINAL, REL_FAILURE);

    private static final String TEXT_LAYER_SOURCE = "text-layer";
    private volatile Set<Relationship> relationships = RELATIONSHIPS;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return relationships;
    }

    @Override
    public void onPropertyModified(final PropertyDescriptor descriptor, final String oldValue, final String newValue) {
        if (descriptor.equals(USE_TEXT_LAYER)) {
            relationships = Boolean.parseBoolean(newValue) ? Set.of(REL_SPLITS, REL_TEXT_LAYER, REL_ORIGINAL, REL_FAILURE) : RELATIONSHIPS;
        }
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        config.renameProperty("Maximum Pixels per Page", MAXIMUM_PIXELS.getName()); // named for what it does since issue 26
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final Path scratch = ScratchFile.create();
        final List<FlowFile> pages = new ArrayList<>();
        try {
            final PageRange range = pageRange(context, flowFile);
            session.exportTo(flowFile, scratch, false);
            try (PageSource source = PageSource.open(scratch, context.getProperty(MAXIMUM_PIXELS).asLong())) {
                final int maximumPages = context.getProperty(MAXIMUM_PAGES).asInteger();
                if (source.pageCount() > maximumPages) {
                    throw new DocumentException(DocumentException.TOO_MANY_PAGES,
                            "The document has %d pages, more than the %d allowed".formatted(source.pageCount(), maximumPages));
                }
                split(context, session, flowFile, source, range.select(source.pageCount()), pages);
            }
        } catch (final DocumentException e) {
            session.remove(pages);
            session.adjustCounter("Documents Refused", 1, false);
            FailureRoute.toFailure(getLogger(), REL_FAILURE).route(context, session, flowFile, "Document", e.getErrorCode(), e.getMessage());
        } catch (final IOException e) {
            // The scratch file, not the document: disk full or gone. Roll back and let NiFi try again later.
            throw new ProcessException("Scratch file for " + flowFile + " failed", e);
        } finally {
            ScratchFile.delete(scratch);
        }
    }

    private void split(final ProcessContext context, final ProcessSession session, final FlowFile document, final PageSource source,
                       final List<Integer> selected, final List<FlowFile> pages) throws IOException, DocumentException {
        final boolean useTextLayer = context.getProperty(USE_TEXT_LAYER).asBoolean();
        final int minimumCharacters = useTextLayer ? context.getProperty(MINIMUM_TEXT_CHARACTERS).asInteger() : 0;
        final String fragmentId = UUID.randomUUID().toString();
        final String filename = document.getAttribute(CoreAttributes.FILENAME.key());
        final List<Relationship> routes = new ArrayList<>();
        for (int index = 0; index < selected.size(); index++) {
            final int pageNumber = selected.get(index);
            final Optional<String> text = useTextLayer ? TextLayer.usable(source.textLayer(pageNumber), minimumCharacters) : Optional.empty();
            FlowFile page = session.create(document);
            pages.add(page);
            final Map<String, String> attributes = new HashMap<>();
            attributes.put(FragmentAttributes.FRAGMENT_ID.key(), fragmentId);
            attributes.put(FragmentAttributes.FRAGMENT_INDEX.key(), Integer.toString(index));
            attributes.put(FragmentAttributes.FRAGMENT_COUNT.key(), Integer.toString(selected.size()));
            attributes.put(FragmentAttributes.SEGMENT_ORIGINAL_FILENAME.key(), filename);
            attributes.put(OcrAttributes.PAGE_NUMBER, Integer.toString(pageNumber));
            attributes.put(OcrAttributes.PAGE_COUNT, Integer.toString(source.pageCount()));
            if (text.isPresent()) {
                page = session.write(page, out -> out.write(text.get().getBytes(StandardCharsets.UTF_8)));
                pages.set(index, page);
                attributes.put(OcrAttributes.SOURCE, TEXT_LAYER_SOURCE);
                attributes.putAll(PageNames.attributes(filename, pageNumber, ContentName.TEXT));
                routes.add(REL_TEXT_LAYER);
            } else {
                page = writePage(session, page, source, pageNumber);
                pages.set(index, page);
                attributes.putAll(PageNames.attributes(filename, pageNumber, source.kind().page()));
                routes.add(REL_SPLITS);
            }
            pages.set(index, session.putAllAttributes(page, attributes));
        }
        for (int index = 0; index < pages.size(); index++) {
            session.transfer(pages.get(index), routes.get(index));
        }
        final long fromTextLayer = routes.stream().filter(REL_TEXT_LAYER::equals).count();
        session.adjustCounter("Documents Split", 1, false);
        session.adjustCounter("Pages Split", pages.size() - fromTextLayer, false);
        if (useTextLayer) {
            session.adjustCounter("Pages Read from Text Layer", fromTextLayer, false);
        }
        final FlowFile original = session.putAllAttributes(document, Map.of(FragmentAttributes.FRAGMENT_ID.key(), fragmentId,
                FragmentAttributes.FRAGMENT_COUNT.key(), Integer.toString(pages.size()),
                OcrAttributes.PAGE_COUNT, Integer.toString(source.pageCount())));
        session.transfer(original, REL_ORIGINAL);
    }

    private static FlowFile writePage(final ProcessSession session, final FlowFile page, final PageSource source, final int pageNumber)
            throws DocumentException {
        try {
            return session.write(page, out -> {
                try {
                    source.writePage(pageNumber, out);
                } catch (final DocumentException e) {
                    throw new PageFailure(e);
                }
            });
        } catch (final PageFailure e) {
            throw e.failure;
        }
    }

    private static PageRange pageRange(final ProcessContext context, final FlowFile flowFile) throws DocumentException {
        try {
            return PageRange.parse(context.getProperty(PAGE_RANGE).evaluateAttributeExpressions(flowFile).getValue());
        } catch (final RuntimeException e) {
            throw new DocumentException(DocumentException.INVALID_PAGE_RANGE, "Page Range could not be evaluated: " + e.getMessage(), e);
        }
    }

    /** Carries a page's DocumentException out of the OutputStreamCallback, which may throw only IOException. */
    private static final class PageFailure extends UncheckedIOException {
        private final DocumentException failure;

        PageFailure(final DocumentException failure) {
            super(new IOException(failure.getMessage()));
            this.failure = failure;
        }
    }
}
