package dev.nifiocr.document;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * One decoded page written as PNG: lossless, and a format Tencent's image Actions read. Pixels stay as decoded (1-bit
 * black and white stays 1-bit, gray stays gray, 16-bit samples stay 16-bit) when PNG holds them as they are; CMYK, YCbCr
 * or Lab pages become RGB, and transparency is flattened onto white (OCR engines read transparent pixels as black).
 */
final class PngPage {

    /**
     * The JDK writer's deflate level is 9 x (1 - quality): 0.5 gives level 4. Measured on A4 scans at 300 dpi, level 9 saves
     * 10 to 20 % (noisy gray 3.24 MB to 2.96 MB) for 30 to 50 times the time (0.9 s to 26-47 s a page): not worth it.
     */
    private static final float COMPRESSION_QUALITY = 0.5f;

    private PngPage() {
    }

    /** The heap decoding a page of this type takes, plus the RGB copy when PNG cannot hold its pixels as they are. */
    static long bytesToDecode(final ImageTypeSpecifier type, final int width, final int height) {
        final long pixels = (long) width * height;
        final long decoded = (pixels * type.getColorModel().getPixelSize() + 7) / 8;
        return decoded + (asIs(type.getColorModel()) ? 0 : pixels * 3);
    }

    /** @throws IOException when writing to {@code out} fails */
    static void write(final BufferedImage page, final OutputStream out) throws IOException {
        final BufferedImage image = asIs(page.getColorModel()) ? page : flattened(page);
        final ImageWriter writer = pngWriter();
        // closing an ImageOutputStream flushes it but leaves the FlowFile's stream open
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(COMPRESSION_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static boolean asIs(final ColorModel model) {
        final int space = model.getColorSpace().getType();
        return !model.hasAlpha() && (space == ColorSpace.TYPE_GRAY || space == ColorSpace.TYPE_RGB) && model.getPixelSize() <= 48;
    }

    private static BufferedImage flattened(final BufferedImage page) {
        final boolean gray = page.getColorModel().getNumColorComponents() == 1;
        final BufferedImage target = new BufferedImage(page.getWidth(), page.getHeight(), gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D graphics = target.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, target.getWidth(), target.getHeight());
            graphics.drawImage(page, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    /** The JDK's own PNG writer, before any another plugin registered for PNG. */
    private static ImageWriter pngWriter() throws IOException {
        ImageWriter chosen = null;
        for (final Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png"); writers.hasNext(); ) {
            final ImageWriter writer = writers.next();
            if (chosen == null || writer.getOriginatingProvider().getClass().getName().startsWith("com.sun.imageio.")) {
                chosen = writer;
            }
        }
        if (chosen == null) {
            throw new IOException("No PNG writer in this JVM");
        }
        return chosen;
    }
}
