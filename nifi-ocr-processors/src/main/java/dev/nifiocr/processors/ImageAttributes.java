package dev.nifiocr.processors;

import dev.nifiocr.document.ContentName;
import dev.nifiocr.image.FittedImage;
import org.apache.nifi.flowfile.attributes.CoreAttributes;

import java.util.HashMap;
import java.util.Map;

/** The tencent.ocr.image.* attributes CompressImage writes: what came in, what went out. */
final class ImageAttributes {

    private ImageAttributes() {
    }

    /** @param filename the input's file name: a re-encoded image gets the extension of its new format */
    static Map<String, String> of(final FittedImage fitted, final String filename) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OcrAttributes.IMAGE_CHANGED, Boolean.toString(fitted.changed()));
        attributes.put(OcrAttributes.IMAGE_FORMAT, fitted.format());
        attributes.put(OcrAttributes.IMAGE_WIDTH, Integer.toString(fitted.width()));
        attributes.put(OcrAttributes.IMAGE_HEIGHT, Integer.toString(fitted.height()));
        attributes.put(OcrAttributes.IMAGE_BYTES, Integer.toString(fitted.bytes().length));
        attributes.put(OcrAttributes.IMAGE_ORIGINAL_FORMAT, fitted.source().format());
        attributes.put(OcrAttributes.IMAGE_ORIGINAL_WIDTH, Integer.toString(fitted.source().width()));
        attributes.put(OcrAttributes.IMAGE_ORIGINAL_HEIGHT, Integer.toString(fitted.source().height()));
        attributes.put(OcrAttributes.IMAGE_ORIGINAL_BYTES, Long.toString(fitted.source().bytes()));
        if (fitted.quality() > 0) {
            attributes.put(OcrAttributes.IMAGE_QUALITY, Integer.toString(fitted.quality()));
        }
        final ContentName output = ContentName.ofFormat(fitted.format());
        attributes.put(CoreAttributes.MIME_TYPE.key(), output.mimeType());
        if (fitted.changed()) {
            attributes.put(CoreAttributes.FILENAME.key(), output.filename(filename));
        }
        return attributes;
    }
}
