package dev.nifiocr.image;

/**
 * What an image must fit, and how far CompressImage may go to make it fit.
 *
 * @param maxBase64Length largest size after Base64 encoding, in characters (Tencent's limit per Action)
 * @param maxLongSide largest width or height, in pixels
 * @param minShortSide the short side is never scaled below this, in pixels, so text stays legible
 * @param startQuality first JPEG quality tried, 1 to 100
 * @param minQuality lowest JPEG quality allowed, 1 to 100
 * @param grayscale whether to convert to grayscale (smaller, and enough for text)
 * @param maxPixels images with more pixels than this are refused before decoding (decompression bombs)
 * @param format the format written when the image is re-encoded
 * @param memoryBudget heap bytes one image may take while it is fitted (input, decoded pixels, working copies)
 */
public record ImageLimits(long maxBase64Length, int maxLongSide, int minShortSide, int startQuality, int minQuality,
                          boolean grayscale, long maxPixels, OutputFormat format, long memoryBudget) {

    public ImageLimits {
        if (maxBase64Length < 4 || maxLongSide < 1 || minShortSide < 1 || maxPixels < 1 || memoryBudget < 1) {
            throw new IllegalArgumentException("Limits must be positive");
        }
        if (startQuality < 1 || startQuality > 100 || minQuality < 1 || minQuality > startQuality) {
            throw new IllegalArgumentException("JPEG qualities must satisfy 1 <= minimum <= start <= 100");
        }
    }

    /** Limits with the default memory budget for one concurrent task. */
    public ImageLimits(final long maxBase64Length, final int maxLongSide, final int minShortSide, final int startQuality, final int minQuality,
                       final boolean grayscale, final long maxPixels, final OutputFormat format) {
        this(maxBase64Length, maxLongSide, minShortSide, startQuality, minQuality, grayscale, maxPixels, format, MemoryBudget.defaultBudget(1));
    }

    /** The largest byte count whose Base64 encoding fits maxBase64Length. */
    public long maxBytes() {
        return maxBase64Length / 4 * 3;
    }

    public static long base64Length(final long bytes) {
        return 4 * ((bytes + 2) / 3);
    }
}
