package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the emulator does with documents before the single-image answers: the asynchronous job Actions, OFD input,
 * page fault markers of PDFs, and, when only canned answers are asked for, page-aware answers read from a PDF page's
 * text layer (so a 40-page document answers 40 different, known texts without running OCR).
 */
final class DocumentAnswers {

    /** The one Action with OFD parameters; RecognizeGeneralInvoice reads an OFD's first page sent as an image. */
    private static final String OFD_ACTION = "VerifyOfdVatInvoiceOCR";
    private static final String OFD_AS_IMAGE_ACTION = "RecognizeGeneralInvoice";
    /** Never looked at for the PDF Actions (only AdvertiseOCR answers an ImageSize, and it reads no PDF). */
    private static final BufferedImage NO_IMAGE = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);

    private final PageFaults pageFaults = new PageFaults();
    private final AsyncJobs jobs = new AsyncJobs();

    AsyncJobs jobs() {
        return jobs;
    }

    /**
     * The answer's fields (without RequestId), or null when the request is none of this class's business and the
     * emulator answers as for an image.
     */
    ObjectNode answer(final String action, final JsonNode parameters, final byte[] content, final boolean exampleAnswersOnly) throws TencentError {
        if (AsyncJobs.handles(action)) {
            return jobs.answer(action, parameters, content);
        }
        if (OFD_ACTION.equals(action)) {
            checkOfdParameters(parameters);
            return null;
        }
        if (OfdFiles.isOfd(content) && !OFD_AS_IMAGE_ACTION.equals(action)) {
            throw new TencentError("FailedOperation.ImageDecodeFailed", "图片解码失败 (an OFD is read only by %s, as OfdFileBase64, and %s)"
                    .formatted(OFD_ACTION, OFD_AS_IMAGE_ACTION));
        }
        if (!Pages.isPdf(content) || !TextAnswers.reads(action)) {
            return null;
        }
        final int pageNumber = TextAnswers.pdfPageNumber(action, parameters);
        final PdfPageText page = PdfPageText.read(content, pageNumber);
        pageFaults.check(content, pageNumber, page);
        if (!exampleAnswersOnly || page.lines().isEmpty()) {
            return null;
        }
        final List<TextLine> lines = IntStream.range(0, page.lines().size())
                .mapToObj(i -> new TextLine(page.lines().get(i), 99, box(i, page.lines().get(i).length())))
                .toList();
        return TextAnswers.response(action, lines, new Pages.Page(NO_IMAGE, page.pageCount()));
    }

    private static void checkOfdParameters(final JsonNode parameters) throws TencentError {
        final String base64 = parameters.path("OfdFileBase64").asText("");
        if (base64.isEmpty()) {
            if (!parameters.path("OfdFileUrl").isTextual()) {
                throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit", "OfdFileUrl or OfdFileBase64 is required");
            }
            return;
        }
        final byte[] ofd;
        try {
            ofd = Base64.getDecoder().decode(base64);
        } catch (final IllegalArgumentException e) {
            throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit", "OfdFileBase64 is not Base64");
        }
        if (!OfdFiles.isOfd(ofd)) {
            throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit", "OfdFileBase64 is not an OFD file (a ZIP with OFD.xml at its root)");
        }
    }

    /** A line's box as a typesetter would place it: one line every 30 pixels, 12 pixels a character. */
    private static List<TextLine.Point> box(final int line, final int characters) {
        final int top = 100 + 30 * line;
        final int right = 100 + 12 * Math.max(1, characters);
        return List.of(new TextLine.Point(100, top), new TextLine.Point(right, top), new TextLine.Point(right, top + 20), new TextLine.Point(100, top + 20));
    }
}
