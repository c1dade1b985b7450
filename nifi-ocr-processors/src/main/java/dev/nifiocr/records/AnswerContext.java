package dev.nifiocr.records;

/** What one answer's records carry besides the answer: its Action, the page number from the FlowFile, its RequestId. */
final class AnswerContext {

    private final String action;
    private final Long page;
    private String requestId;

    AnswerContext(final String action, final Long page) {
        this.action = action;
        this.page = page;
    }

    String action() {
        return action;
    }

    /** The page of the document this answer read (SplitDocument's tencent.ocr.page.number), or null. */
    Long page() {
        return page;
    }

    String requestId() {
        return requestId;
    }

    void requestId(final String id) {
        this.requestId = id;
    }
}
