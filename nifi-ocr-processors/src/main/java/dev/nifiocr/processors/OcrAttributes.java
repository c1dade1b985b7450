package dev.nifiocr.processors;

/** Every FlowFile attribute this bundle writes; one prefix, declared once. */
public final class OcrAttributes {

    public static final String PREFIX = "tencent.ocr.";
    public static final String ACTION = PREFIX + "action";
    public static final String REGION = PREFIX + "region";
    public static final String ENDPOINT = PREFIX + "endpoint";
    public static final String REQUEST_ID = PREFIX + "request.id";
    public static final String HTTP_STATUS = PREFIX + "http.status";
    public static final String DURATION_MILLIS = PREFIX + "duration.ms";
    public static final String ERROR_CODE = PREFIX + "error.code";
    public static final String ERROR_MESSAGE = PREFIX + "error.message";
    public static final String ERROR_CATEGORY = PREFIX + "error.category";
    public static final String ENCRYPTION_ALGORITHM = PREFIX + "encryption.algorithm";
    public static final String ENCRYPTION_SESSION = PREFIX + "encryption.session";
    public static final String DECRYPTED = PREFIX + "decrypted";
    public static final String PAGE_NUMBER = PREFIX + "page.number";
    public static final String PAGE_COUNT = PREFIX + "page.count";
    public static final String SOURCE = PREFIX + "source";
    public static final String JOB_ID = PREFIX + "job.id";
    public static final String JOB_ACTION = PREFIX + "job.action";
    public static final String JOB_STATUS = PREFIX + "job.status";
    public static final String JOB_SUBMITTED = PREFIX + "job.submitted";
    public static final String BILLABLE = PREFIX + "billable";
    public static final String CACHE_HIT = PREFIX + "cache.hit";
    public static final String IMAGE_CHANGED = PREFIX + "image.changed";
    public static final String IMAGE_FORMAT = PREFIX + "image.format";
    public static final String IMAGE_WIDTH = PREFIX + "image.width";
    public static final String IMAGE_HEIGHT = PREFIX + "image.height";
    public static final String IMAGE_BYTES = PREFIX + "image.bytes";
    public static final String IMAGE_QUALITY = PREFIX + "image.quality";
    public static final String IMAGE_ORIGINAL_FORMAT = PREFIX + "image.original.format";
    public static final String IMAGE_ORIGINAL_WIDTH = PREFIX + "image.original.width";
    public static final String IMAGE_ORIGINAL_HEIGHT = PREFIX + "image.original.height";
    public static final String IMAGE_ORIGINAL_BYTES = PREFIX + "image.original.bytes";

    private OcrAttributes() {
    }
}
