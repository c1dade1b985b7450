package dev.nifiocr.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.adobe.AdobeJpegDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.jfif.JfifDirectory;
import com.drew.metadata.jpeg.JpegComponent;
import com.drew.metadata.jpeg.JpegDirectory;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.nifiocr.parsing.ParserGuard;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes an image acceptable to Tencent OCR: upright, no transparency, within the pixel and Base64 size limits,
 * in a format Tencent reads, with text kept legible. An image already acceptable, and proven complete, is returned
 * untouched. Otherwise the memory it needs is computed from its header and checked against the budget; it is decoded
 * once (subsampled when far larger than needed, or when only that fits the budget), halved while at least twice too
 * large, and drawn once into the output (scale, orientation, transparency and colour type in one pass); then JPEG
 * quality is lowered to a predicted value that fits, before the image is scaled down further.
 */
public final class ImageFitter {

    /** Formats Tencent OCR reads as they are. */
    private static final Set<String> ACCEPTED_FORMATS = Set.of("jpeg", "png", "bmp");
    /** Formats that carry EXIF orientation. */
    private static final Set<String> EXIF_FORMATS = Set.of("jpeg", "tiff", "webp");
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    /** Formats whose reader decodes a whole frame before subsampling it (counted at 4 bytes a pixel). */
    private static final Set<String> FULL_FRAME_DECODERS = Set.of("webp");
    /**
     * Decoder warnings that lose no pixels: a TIFF strip shorter than RowsPerStrip implies (the last strip of a valid file;
     * {@link Completeness} has checked each strip holds its rows), bytes between JPEG segments, an embedded ICC profile
     * ignored. Any other warning refuses the image.
     */
    private static final List<String> HARMLESS_WARNINGS = List.of("strip/tilebytecount < required", "extraneous bytes before marker",
            "ignoring embedded icc");
    private static final double SHRINK_MARGIN = 0.92;
    /** Initial guess of how JPEG size falls with libjpeg's quantisation scale: size ~ scale^-0.75. */
    private static final double SIZE_EXPONENT = 0.75;
    /** Aim this far below the limit so the predicted quality fits on the first try. */
    private static final double QUALITY_MARGIN = 0.97;
    private static final int QUALITY_PREDICTIONS = 3;

    private ImageFitter() {
    }

    public static FittedImage fit(final byte[] input, final ImageLimits limits) throws ImageFitException {
        if (input.length == 0) {
            throw new ImageFitException(ImageFitException.EMPTY, "FlowFile content is empty");
        }
        if (input.length >= PDF_MAGIC.length && Arrays.equals(input, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            return fitPdf(input, limits);
        }
        try (ImageInputStream stream = new ByteArrayImageInputStream(input)) {
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
            throw new ImageFitException(ImageFitException.CORRUPT_IMAGE, "Image is corrupt or truncated: " + ParserGuard.IMAGE.reason(e), e);
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
        final Metadata metadata = metadata(input, format);
        Completeness.require(input, format, metadata);
        final int orientation = orientation(metadata);
        final boolean fits = ImageLimits.base64Length(input.length) <= limits.maxBase64Length() && Math.max(width, height) <= limits.maxLongSide();
        if (fits && orientation == 1 && !limits.grayscale() && ACCEPTED_FORMATS.contains(format) && isOpaqueRgbOrGray(reader)) {
            return new FittedImage(input, format, width, height, -1, false, source);
        }

        final int longSide = Math.max(width, height);
        final int shortSide = Math.min(width, height);
        final int floor = Math.min(limits.minShortSide(), shortSide);
        final int targetLong = Math.min(limits.maxLongSide(), longSide);
        final ImageTypeSpecifier decodedType = reader.getImageTypes(0).next();
        final boolean alpha = decodedType.getColorModel().hasAlpha();
        final boolean graySource = !alpha && decodedType.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        final boolean gray = limits.grayscale() || graySource;
        final MemoryBudget.Cost cost = withinBudget(reader, format, decodedType, input.length, width, height, floor, targetLong,
                alpha ? 4 : graySource ? 1 : 3, gray ? 1 : 3, limits);
        final ImageReadParam param = reader.getDefaultReadParam();
        if (cost.subsampling() > 1) {
            param.setSourceSubsampling(cost.subsampling(), cost.subsampling(), 0, 0);
        }
        final WarningCollector warnings = new WarningCollector();
        reader.addIIOReadWarningListener(warnings);
        if (limits.format() == OutputFormat.JPEG && !gray && !alpha && orientation == 1 && longSide <= targetLong && cost.subsampling() == 1
                && storedAsPlainYCbCr(metadata)) {
            // only too many bytes: re-encode the stored YCbCr samples as they are, without converting to RGB and back
            final Raster samples = reader.readRaster(0, param);
            warnings.check();
            final int[] chroma = chromaSubsampling(metadata, 1.0);
            try (ImageEncoder encoder = new ImageEncoder(OutputFormat.JPEG, chroma[0], chroma[1])) {
                final Encoded encoded = encodeBest(quality -> encoder.encodeYCbCr(samples, quality), limits, limits.maxBytes());
                if (encoded.bytes.length <= limits.maxBytes()) {
                    return new FittedImage(encoded.bytes, "jpeg", width, height, encoded.quality, true, source);
                }
            }
            reader.setInput(new ByteArrayImageInputStream(input), true, true); // it must be scaled: decode it again, as an image
        }
        BufferedImage image = reader.read(0, param);
        warnings.check();

        final double scale = Math.min(1.0, (double) targetLong / Math.max(image.getWidth(), image.getHeight()));
        final int outputWidth = Math.max(1, (int) Math.round(image.getWidth() * scale));
        final int outputHeight = Math.max(1, (int) Math.round(image.getHeight() * scale));
        image = render(halve(image, outputWidth, outputHeight), outputWidth, outputHeight, orientation,
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        final int[] chroma = chromaSubsampling(metadata, scale / cost.subsampling());
        final long maxBytes = limits.maxBytes();
        try (ImageEncoder encoder = new ImageEncoder(limits.format(), chroma[0], chroma[1])) {
            while (true) {
                final BufferedImage current = image;
                final Encoded encoded = encodeBest(quality -> encoder.encode(current, quality), limits, maxBytes);
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
    }

    /**
     * The cost of decoding at the smallest subsampling that keeps twice the target resolution (so the downscale has pixels
     * to average and text stays crisp), or at a coarser one when only that fits the memory budget, never below the
     * minimum short side; refuses before decoding when even that does not fit.
     */
    private static MemoryBudget.Cost withinBudget(final ImageReader reader, final String format, final ImageTypeSpecifier decodedType,
                                                  final long inputBytes, final int width, final int height, final int floor, final int targetLong,
                                                  final int workingBytesPerPixel, final int outputBytesPerPixel, final ImageLimits limits)
            throws IOException, ImageFitException {
        final ImageTypeSpecifier raw = reader.getRawImageType(0);
        int decodedBytesPerPixel = MemoryBudget.bytesPerPixel(decodedType);
        if (raw != null && raw.getColorModel().getColorSpace().getType() != decodedType.getColorModel().getColorSpace().getType()) {
            decodedBytesPerPixel += MemoryBudget.bytesPerPixel(raw); // the decoder converts colour from a raw raster (CMYK, YCCK)
        }
        final long fullFrame = FULL_FRAME_DECODERS.contains(format) ? 4L * width * height : 0;
        final int shortSide = Math.min(width, height);
        int subsampling = Math.max(1, Math.min(Math.max(width, height) / (2 * targetLong), shortSide / (2 * floor)));
        MemoryBudget.Cost cost = MemoryBudget.cost(width, height, inputBytes, subsampling, targetLong, decodedBytesPerPixel, fullFrame,
                workingBytesPerPixel, outputBytesPerPixel);
        final MemoryBudget.Cost atQualitySubsampling = cost;
        while (cost.total() > limits.memoryBudget() && fullFrame < limits.memoryBudget() && (shortSide + subsampling) / (subsampling + 1) >= floor) {
            subsampling++;
            cost = MemoryBudget.cost(width, height, inputBytes, subsampling, targetLong, decodedBytesPerPixel, fullFrame, workingBytesPerPixel, outputBytesPerPixel);
        }
        if (cost.total() > limits.memoryBudget()) {
            throw new ImageFitException(ImageFitException.CANNOT_FIT, ("Image %d x %d (%s, %d B per decoded pixel) needs %s, over the memory budget of %,d bytes%s: "
                    + "refused before decoding; raise Memory Budget or lower Concurrent Tasks")
                    .formatted(width, height, format, decodedBytesPerPixel, atQualitySubsampling.describe(), limits.memoryBudget(),
                            cost.subsampling() > atQualitySubsampling.subsampling()
                                    ? "; even decoded at 1/%d, the most the minimum short side of %d px allows, it needs %,d".formatted(cost.subsampling(), floor, cost.total())
                                    : ""));
        }
        return cost;
    }

    private record Encoded(byte[] bytes, int quality) {
    }

    /** One encoding of the image at a JPEG quality. */
    private interface Encoding {
        byte[] at(int quality) throws IOException;
    }

    /**
     * A three-component JPEG whose samples libjpeg stores as YCbCr (JFIF, or component ids 1 to 3), with no Adobe colour
     * transform other than YCbCr and no ICC profile: its raw samples can be re-encoded without colour conversion.
     */
    private static boolean storedAsPlainYCbCr(final Metadata metadata) {
        final JpegDirectory jpeg = metadata == null ? null : metadata.getFirstDirectoryOfType(JpegDirectory.class);
        if (jpeg == null || jpeg.getComponent(0) == null || jpeg.getComponent(1) == null || jpeg.getComponent(2) == null || jpeg.getComponent(3) != null
                || metadata.getFirstDirectoryOfType(IccDirectory.class) != null) {
            return false;
        }
        final AdobeJpegDirectory adobe = metadata.getFirstDirectoryOfType(AdobeJpegDirectory.class);
        if (adobe != null) {
            final Integer transform = adobe.getInteger(AdobeJpegDirectory.TAG_COLOR_TRANSFORM);
            return transform != null && transform == 1;
        }
        return metadata.getFirstDirectoryOfType(JfifDirectory.class) != null
                || (jpeg.getComponent(0).getComponentId() == 1 && jpeg.getComponent(1).getComponentId() == 2 && jpeg.getComponent(2).getComponentId() == 3);
    }

    /**
     * PNG as it is; JPEG at the start quality if it fits, else at a quality predicted from the sizes already seen (JPEG size
     * follows a power of libjpeg's quantisation scale), checked and corrected at most a few times instead of a binary search.
     */
    private static Encoded encodeBest(final Encoding encoding, final ImageLimits limits, final long maxBytes) throws IOException {
        if (limits.format() == OutputFormat.PNG) {
            return new Encoded(encoding.at(-1), -1);
        }
        int quality = limits.startQuality();
        byte[] bytes = encoding.at(quality);
        if (bytes.length <= maxBytes || quality == limits.minQuality()) {
            return new Encoded(bytes, quality);
        }
        double exponent = SIZE_EXPONENT;
        int tooLarge = quality;
        for (int attempt = 0; attempt < QUALITY_PREDICTIONS && tooLarge > limits.minQuality(); attempt++) {
            final double targetScale = quantisationScale(tooLarge) * Math.pow((double) bytes.length / (maxBytes * QUALITY_MARGIN), 1 / exponent);
            final int predicted = Math.max(limits.minQuality(), Math.min(tooLarge - 1, qualityFor(targetScale)));
            final byte[] candidate = encoding.at(predicted);
            if (candidate.length <= maxBytes) {
                return new Encoded(candidate, predicted);
            }
            // learn this image's exponent from the two sizes seen
            final double observed = Math.log((double) bytes.length / candidate.length) / Math.log(quantisationScale(predicted) / quantisationScale(tooLarge));
            if (Double.isFinite(observed) && observed > 0.1) {
                exponent = observed;
            }
            tooLarge = predicted;
            bytes = candidate;
        }
        return tooLarge == limits.minQuality() ? new Encoded(bytes, tooLarge) : new Encoded(encoding.at(limits.minQuality()), limits.minQuality());
    }

    /** libjpeg's percentage scaling of its quantisation tables for a quality (jcparam.c, jpeg_quality_scaling). */
    private static double quantisationScale(final int quality) {
        return quality < 50 ? 5000.0 / quality : 200 - 2.0 * quality;
    }

    private static int qualityFor(final double scale) {
        final double quality = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
        return (int) Math.floor(Math.max(1, Math.min(100, quality)));
    }

    static byte[] encode(final BufferedImage image, final OutputFormat format, final int quality) throws IOException {
        try (ImageEncoder encoder = new ImageEncoder(format, 1, 1)) {
            return encoder.encode(image, quality);
        }
    }

    /**
     * Chroma subsampling for a JPEG output: halved in a direction only when the source itself, at the output's scale,
     * has no more colour detail than that (a camera JPEG kept at its size); 4:4:4 otherwise (scans, screenshots, and
     * downscaled photos, whose colour edges around text would blur).
     */
    static int[] chromaSubsampling(final Metadata metadata, final double outputScale) {
        final JpegDirectory jpeg = metadata == null ? null : metadata.getFirstDirectoryOfType(JpegDirectory.class);
        if (jpeg == null) {
            return new int[]{1, 1};
        }
        final JpegComponent luma = jpeg.getComponent(0);
        final JpegComponent chroma = jpeg.getComponent(1);
        if (luma == null || chroma == null || chroma.getHorizontalSamplingFactor() < 1 || chroma.getVerticalSamplingFactor() < 1) {
            return new int[]{1, 1};
        }
        final double across = (double) luma.getHorizontalSamplingFactor() / chroma.getHorizontalSamplingFactor() * outputScale;
        final double down = (double) luma.getVerticalSamplingFactor() / chroma.getVerticalSamplingFactor() * outputScale;
        return new int[]{across >= 2 - 1e-9 ? 2 : 1, down >= 2 - 1e-9 ? 2 : 1};
    }

    /** Scales by the factor: halving steps with bilinear interpolation, then one bicubic step, as Java2D's own guidance for quality downscaling. */
    static BufferedImage resize(final BufferedImage source, final double factor) {
        final int targetWidth = Math.max(1, (int) Math.round(source.getWidth() * factor));
        final int targetHeight = Math.max(1, (int) Math.round(source.getHeight() * factor));
        if (targetWidth == source.getWidth() && targetHeight == source.getHeight()) {
            return source;
        }
        return render(halve(source, targetWidth, targetHeight), targetWidth, targetHeight, 1, scalableType(source));
    }

    /** Halves (bilinear, which averages 2 x 2 pixels at exactly half) while the image is at least twice the target size. */
    private static BufferedImage halve(final BufferedImage source, final int targetWidth, final int targetHeight) {
        BufferedImage current = source;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight) {
            final BufferedImage half = new BufferedImage(current.getWidth() / 2, current.getHeight() / 2, scalableType(current));
            draw(current, half, AffineTransform.getScaleInstance((double) half.getWidth() / current.getWidth(),
                    (double) half.getHeight() / current.getHeight()), RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            current = half;
        }
        return current;
    }

    /**
     * The one pass from decoded pixels to the output: scaled to width x height (bicubic), turned by the EXIF orientation,
     * transparency flattened onto white, converted to the output type. The source itself when nothing is to be done.
     */
    private static BufferedImage render(final BufferedImage source, final int width, final int height, final int orientation, final int type) {
        final boolean scaled = width != source.getWidth() || height != source.getHeight();
        final boolean turned = orientation >= 2 && orientation <= 8;
        if (!scaled && !turned && source.getType() == type) {
            return source;
        }
        final boolean swap = turned && orientation >= 5;
        final BufferedImage target = new BufferedImage(swap ? height : width, swap ? width : height, type);
        final AffineTransform transform = orientationTransform(turned ? orientation : 1, width, height);
        transform.concatenate(AffineTransform.getScaleInstance((double) width / source.getWidth(), (double) height / source.getHeight()));
        draw(source, target, transform, scaled ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return target;
    }

    private static void draw(final BufferedImage source, final BufferedImage target, final AffineTransform transform, final Object interpolation) {
        final Graphics2D graphics = target.createGraphics();
        try {
            if (source.getColorModel().hasAlpha() && !target.getColorModel().hasAlpha()) {
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, target.getWidth(), target.getHeight());
            }
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            graphics.drawImage(source, transform, null);
        } finally {
            graphics.dispose();
        }
    }

    /** Gray stays gray, transparency stays until the output, everything else is 8-bit BGR (the JPEG writer's own layout). */
    private static int scalableType(final BufferedImage source) {
        if (source.getColorModel().hasAlpha()) {
            return BufferedImage.TYPE_INT_ARGB;
        }
        return source.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
    }

    /** Applies an EXIF orientation (1 to 8) so the text is upright. */
    static BufferedImage orient(final BufferedImage source, final int orientation) {
        return render(source, source.getWidth(), source.getHeight(), orientation, source.getType());
    }

    /** Where EXIF orientation 1 to 8 (EXIF 2.32, 4.6.4 A) puts a width x height image, upright. */
    private static AffineTransform orientationTransform(final int orientation, final int width, final int height) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, height, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, height, width);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, width);
            default -> new AffineTransform();
        };
    }

    /** What metadata-extractor reads from formats that carry EXIF (orientation, JPEG sampling, TIFF strips), or null. */
    private static Metadata metadata(final byte[] input, final String format) {
        if (!EXIF_FORMATS.contains(format)) {
            return null;
        }
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(input), input.length);
        } catch (final ImageProcessingException | IOException | RuntimeException e) {
            // metadata is optional: an image with unreadable metadata is read as upright, and its decoder judges the rest
            return null;
        }
    }

    static int orientation(final Metadata metadata) {
        final ExifIFD0Directory exif = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        try {
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (final MetadataException e) {
            return 1; // an unreadable orientation is read as upright
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

    /** Keeps the first warning that may have lost pixels. */
    private static final class WarningCollector implements IIOReadWarningListener {
        private String harmful;

        void check() throws IOException {
            if (harmful != null) {
                throw new IOException(harmful);
            }
        }

        @Override
        public void warningOccurred(final ImageReader source, final String warning) {
            final String lower = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (harmful == null && HARMLESS_WARNINGS.stream().noneMatch(lower::contains)) {
                harmful = warning;
            }
        }
    }
}
