package dev.nifiocr.request;

/** How an OCR Action picks the page of a PDF it reads, from Tencent's parameter texts. */
public enum PageParameter {
    /** No page parameter: the Action reads no PDF, reads a whole document, or Tencent does not say which page. */
    NONE("", "", 0),
    /** IsPdf switches PDF input on; PdfPageNumber (1-based, default 1) picks the page. */
    IS_PDF("IsPdf", "PdfPageNumber", 1),
    /** EnablePdf (default true) switches PDF input on; PdfPageNumber (1-based, default 1) picks the page. */
    ENABLE_PDF("EnablePdf", "PdfPageNumber", 1),
    /** PDF is recognised from the content; PdfPageNumber (1-based) picks the page. */
    PDF_PAGE_NUMBER("", "PdfPageNumber", 1),
    /** EnablePdfRecognize (default true) switches PDF input on; PdfPageIndex (0-based, default 0) picks the page. */
    PDF_PAGE_INDEX("EnablePdfRecognize", "PdfPageIndex", 0);

    private final String switchParameter;
    private final String pageParameter;
    private final int firstPage;

    PageParameter(final String switchParameter, final String pageParameter, final int firstPage) {
        this.switchParameter = switchParameter;
        this.pageParameter = pageParameter;
        this.firstPage = firstPage;
    }

    /** The boolean parameter that switches PDF input on; empty when there is none. */
    String switchParameter() {
        return switchParameter;
    }

    /** The parameter that picks the page; empty for NONE. */
    public String pageParameter() {
        return pageParameter;
    }

    /** The value of the page parameter that picks the first page: 1, or 0 for PdfPageIndex. */
    public int firstPage() {
        return firstPage;
    }
}
