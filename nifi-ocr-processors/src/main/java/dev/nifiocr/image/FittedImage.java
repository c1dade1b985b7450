package dev.nifiocr.image;

/**
 * The result of fitting an image: the bytes to send and what was done.
 *
 * @param bytes the image to send; the input itself when unchanged
 * @param format jpeg, png, bmp, gif, tiff, webp or pdf
 * @param width width in pixels (0 for PDF)
 * @param height height in pixels (0 for PDF)
 * @param quality the JPEG quality written, or -1 when not re-encoded as JPEG
 * @param changed whether the image was re-encoded
 * @param source what came in
 */
public record FittedImage(byte[] bytes, String format, int width, int height, int quality, boolean changed, Source source) {

    /** The input image as read from its header. */
    public record Source(String format, int width, int height, long bytes) {
    }
}
