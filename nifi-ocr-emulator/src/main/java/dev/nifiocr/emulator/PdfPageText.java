package dev.nifiocr.emulator;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The text layer of one page of a PDF, read with PDFBox: what a perfect OCR engine would read on a born-digital page.
 * It makes answers page-aware without OCR (canned answers, fault markers, async job results) and gives Tencent's
 * PdfPageSize and its refusal of a page that is not in the document.
 *
 * @param pageCount the document's number of pages (Tencent's PdfPageSize)
 * @param lines the page's non-blank lines, top to bottom
 */
record PdfPageText(int pageCount, List<String> lines) {

    PdfPageText {
        lines = List.copyOf(lines);
    }

    /** Page pageNumber (1-based) of the PDF; a page outside the document gets Tencent's parameter error. */
    static PdfPageText read(final byte[] pdf, final int pageNumber) throws TencentError {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            final int pages = document.getNumberOfPages();
            if (pageNumber < 1 || pageNumber > pages) {
                throw new TencentError("InvalidParameterValue.InvalidParameterValueLimit",
                        "PdfPageNumber %d is not a page of this %d-page PDF".formatted(pageNumber, pages));
            }
            final PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(pageNumber);
            stripper.setEndPage(pageNumber);
            final List<String> lines = Arrays.stream(stripper.getText(document).split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
            return new PdfPageText(pages, lines);
        } catch (final IOException | RuntimeException e) {
            throw new TencentError("FailedOperation.ImageDecodeFailed", "PDF解析失败 (the PDF does not open: " + e.getMessage() + ")", e);
        }
    }

    /** The number of pages of the PDF. */
    static int pageCount(final byte[] pdf) throws TencentError {
        return read(pdf, 1).pageCount();
    }
}
