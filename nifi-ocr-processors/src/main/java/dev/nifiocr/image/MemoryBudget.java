package dev.nifiocr.image;

import javax.imageio.ImageTypeSpecifier;

import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;

/**
 * The heap an image takes while it is fitted, in bytes, computed from its header before anything is decoded: the input,
 * the decoded raster at the sample size and bands the decoder produces (8 or 16 bit; gray, gray+alpha, RGB, RGBA, CMYK;
 * palettes stay indexed until the output is drawn), a raw copy when the decoder converts colour (CMYK to RGB), the
 * halving steps, the output raster and the encoder's buffers.
 */
public final class MemoryBudget {

    /** The share of the heap all concurrent tasks of one CompressImage may take together by default. */
    private static final int HEAP_SHARE_DIVISOR = 2;

    private MemoryBudget() {
    }

    /** Half the maximum heap, shared by the processor's concurrent tasks. */
    public static long defaultBudget(final int concurrentTasks) {
        return Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR / Math.max(1, concurrentTasks);
    }

    /** The heap fitting one image takes, by part, in bytes. */
    record Cost(long input, int subsampling, int decodedWidth, int decodedHeight, long decoded, long working) {

        long total() {
            return input + decoded + working;
        }

        String describe() {
            return "about %,d bytes (input %,d, decoded %,d x %,d: %,d, working copies %,d)"
                    .formatted(total(), input, decodedWidth, decodedHeight, decoded, working);
        }
    }

    /**
     * What fitting costs when decoded at 1/subsampling.
     *
     * @param decodedBytesPerPixel what the decoder holds per decoded pixel (destination plus any raw copy)
     * @param fullFrameBytes what the decoder holds regardless of subsampling (readers that decode a whole frame first)
     * @param workingBytesPerPixel bytes per pixel of the halving steps (4 with alpha, 3 colour, 1 gray)
     * @param outputBytesPerPixel bytes per pixel of the output raster (3 colour, 1 gray)
     */
    static Cost cost(final int width, final int height, final long inputBytes, final int subsampling, final int targetLongSide,
                     final int decodedBytesPerPixel, final long fullFrameBytes, final int workingBytesPerPixel, final int outputBytesPerPixel) {
        final int decodedWidth = (width + subsampling - 1) / subsampling;
        final int decodedHeight = (height + subsampling - 1) / subsampling;
        final long decodedPixels = (long) decodedWidth * decodedHeight;
        final double scale = Math.min(1.0, (double) targetLongSide / Math.max(decodedWidth, decodedHeight));
        final long outputPixels = Math.round(decodedWidth * scale) * Math.round(decodedHeight * scale);
        // halving steps: a quarter, a sixteenth... of the decoded raster, a third of it in all
        final long halving = scale <= 0.5 ? decodedPixels * workingBytesPerPixel / 3 : 0;
        // the output raster, and the encoder's buffers (a re-encoded image is at most about its raw size)
        final long output = 2 * outputPixels * outputBytesPerPixel;
        return new Cost(inputBytes, subsampling, decodedWidth, decodedHeight, decodedPixels * decodedBytesPerPixel + fullFrameBytes, halving + output);
    }

    /** Bytes per pixel of a raster of this type: bands times bytes per sample, or the packed word. */
    static int bytesPerPixel(final ImageTypeSpecifier type) {
        final SampleModel model = type.getSampleModel(1, 1);
        return Math.max(1, model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType()) / 8);
    }
}
