package dev.nifiocr.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Makes an image acceptable to Tencent OCR: upright, no transparency, within the pixel and Base64 size limits,
 * in a format Tencent reads, with text kept legible. An image already acceptable is returned untouched.
 * Decodes once (subsampled when far larger than needed), scales with a multi-step bilinear/bicubic resampling,
 * then lowers JPEG quality (binary search for the best quality that fits) before scaling down further.
 */
public final class ImageFitter {

    /** Formats Tencent OCR reads as they are. */
    private static final Set<String> ACCEPTED_FORMATS = Set.of("jpeg", "png", "bmp");
    /** Formats that carry EXIF orientation. */
    private static final Set<String> EXIF_FORMATS = Set.of("jpeg", "tiff", "webp");
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final double SHRINK_MARGIN = 0.92;

    private ImageFitter() {
    }

    public static FittedImage fit(final byte[] input, final ImageLimits limits) throws ImageFitException {
        if (input.length == 0) {
            throw new ImageFitException(ImageFitException.EMPTY, "FlowFile content is empty");
        }
        if (input.length >= PDF_MAGIC.length && Arrays.equals(input, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            return fitPdf(input, limits);
        }
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(input))) {
            final ImageReader reader = ImageCodecs.readerFor(stream);
            if (reader == null) {
                throw new ImageFitException(ImageFitException.UNSUPPORTED_IMAGE, "Content is not an image of a readable format (JPEG, PNG, BMP, GIF, TIFF, WebP) nor a PDF");
            }
            try {
                return fit(input, reader, limits);
            } finally {
                reader.dispose();
            }
        } catch (final IOException | RuntimeException e) {
            // ImageIO plugins signal corrupt data with IOExceptions and assorted runtime exceptions alike
            throw new ImageFitException(ImageFitException.CORRUPT_IMAGE, "Image is corrupt or truncated: " + describe(e), e);
        }
    }

    private static FittedImage fitPdf(final byte[] input, final ImageLimits limits) throws ImageFitException {
        final long base64 = ImageLimits.base64Length(input.length);
        if (base64 > limits.maxBase64Length()) {
            throw new ImageFitException(ImageFitException.CANNOT_FIT, "PDF is %,d characters after Base64, over the limit of %,d; PDFs are not compressed: split or rasterise it first"
                    .formatted(base64, limits.maxBase64Length()));
        }
        return new FittedImage(input, "pdf", 0, 0, -1, false, new FittedImage.Source("pdf", 0, 0, input.length));
    }

    private static FittedImage fit(final byte[] input, final ImageReader reader, final ImageLimits limits) throws IOException, ImageFitException {
        final String format = formatName(reader);
        final int width = reader.getWidth(0);
        final int height = reader.getHeight(0);
        final FittedImage.Source source = new FittedImage.Source(format, width, height, input.length);
        if ((long) width * height > limits.maxPixels()) {
            throw new ImageFitException(ImageFitException.TOO_MANY_PIXELS, "Image is %d x %d = %,d pixels, over the maximum of %,d: refused before decoding"
                    .formatted(width, height, (long) width * height, limits.maxPixels()));
        }
        final int orientation = orientation(input, format);
        final boolean fits = ImageLimits.base64Length(input.length) <= limits.maxBase64Length() && Math.max(width, height) <= limits.maxLongSide();
        if (fits && orientation == 1 && !limits.grayscale() && ACCEPTED_FORMATS.contains(format) && isOpaqueRgbOrGray(reader)) {
            return new FittedImage(input, format, width, height, -1, false, source);
        }

        final int longSide = Math.max(width, height);
        final int shortSide = Math.min(width, height);
        final int floor = Math.min(limits.minShortSide(), shortSide);
        final int targetLong = Math.min(limits.maxLongSide(), longSide);
        final ImageReadParam param = reader.getDefaultReadParam();
        // decode at no less than twice the target, so the quality downscale has pixels to average (text stays crisp)
        final int subsampling = Math.max(1, Math.min(longSide / (2 * targetLong), shortSide / (2 * floor)));
        if (subsampling > 1) {
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        final WarningCollector warnings = new WarningCollector();
        reader.addIIOReadWarningListener(warnings);
        final BufferedImage decoded = reader.read(0, param);
        if (warnings.first != null) {
            throw new IOException(warnings.first);
        }

        final double scale = Math.min(1.0, (double) targetLong / Math.max(decoded.getWidth(), decoded.getHeight()));
        BufferedImage image = flatten(resize(decoded, scale), limits.grayscale());
        image = orient(image, orientation);
        final long maxBytes = limits.maxBytes();
        while (true) {
            final Encoded encoded = encodeBest(image, limits, maxBytes);
            if (encoded.bytes.length <= maxBytes) {
                return new FittedImage(encoded.bytes, limits.format().imageIoName(), image.getWidth(), image.getHeight(), encoded.quality, true, source);
            }
            final int currentShort = Math.min(image.getWidth(), image.getHeight());
            if (currentShort <= floor) {
                throw new ImageFitException(ImageFitException.CANNOT_FIT, "Image does not fit %,d characters after Base64 even at %d x %d%s; the minimum short side is %d px"
                        .formatted(limits.maxBase64Length(), image.getWidth(), image.getHeight(),
                                encoded.quality > 0 ? " and JPEG quality " + encoded.quality : "", floor));
            }
            final double shrink = Math.max((double) floor / currentShort, Math.sqrt((double) maxBytes / encoded.bytes.length) * SHRINK_MARGIN);
            image = resize(image, shrink);
        }
    }

    private record Encoded(byte[] bytes, int quality) {
    }

    /** PNG as it is; JPEG at the start quality if it fits, else the highest quality that fits, else the lowest. */
    private static Encoded encodeBest(final BufferedImage image, final ImageLimits limits, final long maxBytes) throws IOException {
        if (limits.format() == OutputFormat.PNG) {
            return new Encoded(encode(image, OutputFormat.PNG, -1), -1);
        }
        final byte[] start = encode(image, OutputFormat.JPEG, limits.startQuality());
        if (start.length <= maxBytes || limits.startQuality() == limits.minQuality()) {
            return new Encoded(start, limits.startQuality());
        }
        final byte[] lowest = encode(image, OutputFormat.JPEG, limits.minQuality());
        if (lowest.length > maxBytes) {
            return new Encoded(lowest, limits.minQuality());
        }
        int fitting = limits.minQuality();
        byte[] best = lowest;
        int tooLarge = limits.startQuality();
        while (tooLarge - fitting > 1) {
            final int middle = (fitting + tooLarge) / 2;
            final byte[] candidate = encode(image, OutputFormat.JPEG, middle);
            if (candidate.length <= maxBytes) {
                fitting = middle;
                best = candidate;
            } else {
                tooLarge = middle;
            }
        }
        return new Encoded(best, fitting);
    }

    static byte[] encode(final BufferedImage image, final OutputFormat format, final int quality) throws IOException {
        final Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
        if (!writers.hasNext()) {
            throw new IOException("No ImageIO writer for " + format.imageIoName());
        }
        final ImageWriter writer = writers.next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality > 0) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Scales by the factor: halving steps with bilinear interpolation, then one bicubic step, as Java2D's own guidance for quality downscaling. */
    static BufferedImage resize(final BufferedImage source, final double factor) {
        final int targetWidth = Math.max(1, (int) Math.round(source.getWidth() * factor));
        final int targetHeight = Math.max(1, (int) Math.round(source.getHeight() * factor));
        if (targetWidth == source.getWidth() && targetHeight == source.getHeight()) {
            return source;
        }
        BufferedImage current = source;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() != targetWidth || current.getHeight() != targetHeight) {
            current = draw(current, targetWidth, targetHeight, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        return current;
    }

    private static BufferedImage draw(final BufferedImage source, final int width, final int height, final Object interpolation) {
        final BufferedImage target = new BufferedImage(width, height, scalableType(source));
        final Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static int scalableType(final BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return BufferedImage.TYPE_BYTE_GRAY;
        }
        return source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    /** To 8-bit RGB (or gray) with transparency flattened onto white, as OCR engines and JPEG expect. */
    private static BufferedImage flatten(final BufferedImage source, final boolean grayscale) {
        final int type = grayscale ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        if (source.getType() == type) {
            return source;
        }
        final BufferedImage target = new BufferedImage(source.getWidth(), source.getHeight(), type);
        final Graphics2D graphics = target.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, source.getWidth(), source.getHeight());
            graphics.drawImage(source, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    /** Applies an EXIF orientation (1 to 8) so the text is upright. */
    static BufferedImage orient(final BufferedImage source, final int orientation) {
        if (orientation < 2 || orientation > 8) {
            return source;
        }
        final int width = source.getWidth();
        final int height = source.getHeight();
        final boolean swap = orientation >= 5;
        final AffineTransform transform = new AffineTransform();
        switch (orientation) {
            case 2 -> transform.setTransform(-1, 0, 0, 1, width, 0);
            case 3 -> transform.setTransform(-1, 0, 0, -1, width, height);
            case 4 -> transform.setTransform(1, 0, 0, -1, 0, height);
            case 5 -> transform.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> transform.setTransform(0, 1, -1, 0, height, 0);
            case 7 -> transform.setTransform(0, -1, -1, 0, height, width);
            default -> transform.setTransform(0, -1, 1, 0, 0, width);
        }
        final BufferedImage target = new BufferedImage(swap ? height : width, swap ? width : height, source.getType());
        final Graphics2D graphics = target.createGraphics();
        try {
            graphics.drawImage(source, transform, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    static int orientation(final byte[] input, final String format) {
        if (!EXIF_FORMATS.contains(format)) {
            return 1;
        }
        try {
            final Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(input), input.length);
            final ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (final ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            // metadata is optional: an image with unreadable EXIF is read as upright
            return 1;
        }
        return 1;
    }

    /** CMYK JPEGs and transparent images are re-encoded: OCR engines read transparent pixels as black, CMYK often not at all. */
    private static boolean isOpaqueRgbOrGray(final ImageReader reader) throws IOException {
        final ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw == null) {
            return false;
        }
        final int colorSpace = raw.getColorModel().getColorSpace().getType();
        return !raw.getColorModel().hasAlpha() && (colorSpace == ColorSpace.TYPE_RGB || colorSpace == ColorSpace.TYPE_GRAY);
    }

    private static String formatName(final ImageReader reader) throws IOException {
        final String name = reader.getFormatName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "jpg", "jpeg", "jpeg-lossless" -> "jpeg";
            case "tif", "tiff" -> "tiff";
            default -> name;
        };
    }

    private static String describe(final Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final class WarningCollector implements IIOReadWarningListener {
        private String first;

        @Override
        public void warningOccurred(final ImageReader source, final String warning) {
            if (first == null) {
                first = warning;
            }
        }
    }
}
