package dev.nifiocr.request;

import dev.nifiocr.error.ErrorClassifier;
import org.apache.nifi.flowfile.FlowFile;

/**
 * Refuses content by its size in the FlowFile's record, before a byte of it is read: an empty FlowFile, an image whose
 * Base64 would exceed the Action's limit, a request JSON larger than API 3.0 accepts. Memory is then bounded by what
 * could be sent, whatever lands in the queue.
 */
final class ContentSize {

    private ContentSize() {
    }

    static void check(final RequestSource source, final FlowFile flowFile, final OcrRequestBuilder.Parameters parameters)
            throws InvalidRequestException {
        if (source != RequestSource.CONTENT_IMAGE && source != RequestSource.CONTENT_REQUEST_JSON) {
            return;
        }
        final long size = flowFile.getSize();
        if (size == 0) {
            throw new InvalidRequestException(ErrorClassifier.EMPTY_CONTENT, "FlowFile content is empty");
        }
        if (source == RequestSource.CONTENT_IMAGE) {
            OcrRequestBuilder.checkImageSize(parameters, 4L * ((size + 2L) / 3L), "Image of %,d bytes".formatted(size));
        } else if (size > OcrRequestBuilder.MAX_REQUEST_BYTES) {
            throw new InvalidRequestException(ErrorClassifier.IMAGE_TOO_LARGE, "Request JSON content is %,d bytes; API 3.0 accepts at most %,d"
                    .formatted(size, OcrRequestBuilder.MAX_REQUEST_BYTES));
        }
    }
}
