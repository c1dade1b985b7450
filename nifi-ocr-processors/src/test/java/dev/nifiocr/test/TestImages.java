package dev.nifiocr.test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Images made in the tests: text drawn with Java2D, and the oddities phones and scanners produce. */
public final class TestImages {

    private TestImages() {
    }

    /** Black text lines on white, with photo-like noise so JPEG sizes are realistic. */
    public static BufferedImage textPage(final int width, final int height, final int type, final long seed) {
        final BufferedImage image = new BufferedImage(width, height, type);
        final Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        if (type != BufferedImage.TYPE_INT_ARGB) {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
        }
        final Random random = new Random(seed);
        graphics.setColor(Color.BLACK);
        final int fontSize = Math.max(12, height / 40);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        for (int y = fontSize * 2; y < height - fontSize; y += fontSize * 3 / 2) {
            final StringBuilder line = new StringBuilder();
            while (line.length() < width / (fontSize / 2)) {
                line.append(Integer.toString(random.nextInt(1_000_000), 36)).append(' ');
            }
            graphics.drawString(line.toString(), fontSize, y);
        }
        graphics.dispose();
        return image;
    }

    /** Adds grain, as camera sensors do; it is what makes photos large. */
    public static BufferedImage grain(final BufferedImage image, final int amplitude, final long seed) {
        final Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                final int rgb = image.getRGB(x, y);
                final int noise = random.nextInt(2 * amplitude + 1) - amplitude;
                final int r = clamp(((rgb >> 16) & 0xFF) + noise);
                final int g = clamp(((rgb >> 8) & 0xFF) + noise);
                final int b = clamp((rgb & 0xFF) + noise);
                image.setRGB(x, y, (rgb & 0xFF000000) | (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(final int value) {
        return Math.max(0, Math.min(255, value));
    }

    public static byte[] encode(final BufferedImage image, final String format) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(final BufferedImage image, final float quality) {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            final ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A four-channel (CMYK) JPEG as print workflows produce, written as a raster with an Adobe marker. */
    public static byte[] cmykJpeg(final int width, final int height) {
        final BufferedImage rgb = textPage(width, height, BufferedImage.TYPE_INT_RGB, 5);
        final WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final int pixel = rgb.getRGB(x, y);
                final int k = 255 - Math.max((pixel >> 16) & 0xFF, Math.max((pixel >> 8) & 0xFF, pixel & 0xFF));
                // Adobe CMYK JPEGs store inverted values
                cmyk.setPixel(x, y, new int[]{255, 255, 255, 255 - k});
            }
        }
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(cmyk, null, null), writer.getDefaultWriteParam());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment holding only the Orientation tag. */
    public static byte[] withExifOrientation(final byte[] jpeg, final int orientation) {
        final ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put("II".getBytes(StandardCharsets.US_ASCII)).put((byte) 42).put((byte) 0).put(new byte[]{8, 0, 0, 0});
        tiff.put(new byte[]{1, 0});
        tiff.put(new byte[]{0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0});
        tiff.put(new byte[]{0, 0, 0, 0});
        final byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        final int segmentLength = 2 + exifHeader.length + tiff.capacity();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(segmentLength >> 8);
        out.write(segmentLength & 0xFF);
        out.writeBytes(exifHeader);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A valid PNG header (signature and IHDR with a correct CRC) claiming the given size, and nothing else. */
    public static byte[] pngHeaderClaiming(final int width, final int height) {
        return pngHeaderClaiming(width, height, 8, 2);
    }

    /** The same, for a bit depth and PNG colour type (2 RGB, 4 gray+alpha, 6 RGBA). */
    public static byte[] pngHeaderClaiming(final int width, final int height, final int bitDepth, final int colorType) {
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PNG_SIGNATURE);
        pngChunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[]{(byte) bitDepth, (byte) colorType, 0, 0, 0}).array());
        pngChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * A real 16-bit RGBA PNG (8 bytes a pixel decoded) of coloured blocks, deflated row by row so that neither this
     * method nor the file needs the decoded size in memory.
     */
    public static byte[] png16BitRgba(final int width, final int height) {
        final ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PNG_SIGNATURE);
        pngChunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[]{16, 6, 0, 0, 0}).array());
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(data)) {
            // blocks of 64 x 64 pixels, rows written with PNG's Up filter: a band's repeated rows deflate to almost nothing
            final byte[] previous = new byte[width * 8];
            final byte[] row = new byte[width * 8];
            final byte[] filtered = new byte[1 + width * 8];
            for (int y = 0; y < height; y++) {
                final ByteBuffer pixels = ByteBuffer.wrap(row);
                for (int x = 0; x < width; x++) {
                    pixels.putShort((short) (x / 64 * 64 * 65535L / width)).putShort((short) (y / 64 * 64 * 65535L / height))
                            .putShort((short) ((x / 64 + y / 64) % 2 * 65535)).putShort((short) 0xFFFF);
                }
                filtered[0] = 2;
                for (int i = 0; i < row.length; i++) {
                    filtered[i + 1] = (byte) (row[i] - previous[i]);
                }
                deflater.write(filtered);
                System.arraycopy(row, 0, previous, 0, row.length);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        pngChunk(png, "IDAT", data.toByteArray());
        pngChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static void pngChunk(final ByteArrayOutputStream png, final String type, final byte[] data) {
        final byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        final CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * An uncompressed 8-bit RGB TIFF in strips of rowsPerStrip rows, each strip's byte count what its rows need (so the
     * last strip is shorter, as the TIFF specification has it), minus shortenStrip bytes taken from the first strip.
     */
    public static byte[] tiffInStrips(final int width, final int height, final int rowsPerStrip, final int shortenStrip) {
        final int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        final int rowBytes = width * 3;
        if (strips < 2 || shortenStrip % 3 != 0) {
            throw new IllegalArgumentException("Two strips at least (their offsets and counts are arrays); whole pixels removed");
        }
        final short[][] entries = {{256, 3}, {257, 3}, {258, 3}, {259, 3}, {262, 3}, {273, 4}, {277, 3}, {278, 3}, {279, 4}, {284, 3}};
        final int ifd = 8;
        final int bitsPerSample = ifd + 2 + entries.length * 12 + 4;
        final int offsets = bitsPerSample + 6;
        final int counts = offsets + 4 * strips;
        final int data = counts + 4 * strips;
        final ByteBuffer tiff = ByteBuffer.allocate(data + rowBytes * height - shortenStrip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd).putShort((short) entries.length);
        final int[] values = {width, height, bitsPerSample, 1, 2, offsets, 3, rowsPerStrip, counts, 1};
        final int[] valueCounts = {1, 1, 3, 1, 1, strips, 1, 1, strips, 1};
        for (int i = 0; i < entries.length; i++) {
            tiff.putShort(entries[i][0]).putShort(entries[i][1]).putInt(valueCounts[i]);
            if (entries[i][1] == 3 && valueCounts[i] == 1) {
                tiff.putShort((short) values[i]).putShort((short) 0);
            } else {
                tiff.putInt(values[i]);
            }
        }
        tiff.putInt(0);
        tiff.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        int offset = data;
        final int[] stripBytes = new int[strips];
        for (int strip = 0; strip < strips; strip++) {
            stripBytes[strip] = Math.min(rowsPerStrip, height - strip * rowsPerStrip) * rowBytes - (strip == 0 ? shortenStrip : 0);
            tiff.putInt(offset);
            offset += stripBytes[strip];
        }
        for (final int bytes : stripBytes) {
            tiff.putInt(bytes);
        }
        final BufferedImage page = textPage(width, height, BufferedImage.TYPE_INT_RGB, 12);
        for (int y = 0; y < height && tiff.hasRemaining(); y++) {
            for (int x = 0; x < width && tiff.hasRemaining(); x++) {
                final int rgb = page.getRGB(x, y);
                tiff.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
            }
        }
        return tiff.array();
    }

    /** A two-frame animated GIF. */
    public static byte[] animatedGif(final int width, final int height) {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            writer.prepareWriteSequence(null);
            for (int frame = 0; frame < 2; frame++) {
                final BufferedImage image = textPage(width, height, BufferedImage.TYPE_INT_RGB, frame);
                final IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
                writer.writeToSequence(new IIOImage(image, null, metadata), null);
            }
            writer.endWriteSequence();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The luma component's horizontal and vertical sampling factors of a JPEG: {1, 1} is 4:4:4, {2, 2} is 4:2:0. */
    public static int[] jpegLumaSampling(final byte[] jpeg) {
        try {
            final com.drew.metadata.jpeg.JpegDirectory directory = com.drew.imaging.jpeg.JpegMetadataReader
                    .readMetadata(new ByteArrayInputStream(jpeg)).getFirstDirectoryOfType(com.drew.metadata.jpeg.JpegDirectory.class);
            final com.drew.metadata.jpeg.JpegComponent luma = directory.getComponent(0);
            return new int[]{luma.getHorizontalSamplingFactor(), luma.getVerticalSamplingFactor()};
        } catch (final IOException | com.drew.imaging.jpeg.JpegProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BufferedImage decode(final byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mean structural similarity (SSIM, 8x8 windows, luminance) of two images of the same size: 1 is identical,
     * above 0.9 text reads the same to a person.
     */
    public static double ssim(final BufferedImage first, final BufferedImage second) {
        final double c1 = Math.pow(0.01 * 255, 2);
        final double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int windows = 0;
        for (int y = 0; y + 8 <= first.getHeight(); y += 8) {
            for (int x = 0; x + 8 <= first.getWidth(); x += 8) {
                double sumA = 0, sumB = 0, sumAA = 0, sumBB = 0, sumAB = 0;
                for (int dy = 0; dy < 8; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        final double a = luminance(first.getRGB(x + dx, y + dy));
                        final double b = luminance(second.getRGB(x + dx, y + dy));
                        sumA += a;
                        sumB += b;
                        sumAA += a * a;
                        sumBB += b * b;
                        sumAB += a * b;
                    }
                }
                final double meanA = sumA / 64, meanB = sumB / 64;
                final double varA = sumAA / 64 - meanA * meanA, varB = sumBB / 64 - meanB * meanB, cov = sumAB / 64 - meanA * meanB;
                total += ((2 * meanA * meanB + c1) * (2 * cov + c2)) / ((meanA * meanA + meanB * meanB + c1) * (varA + varB + c2));
                windows++;
            }
        }
        return total / windows;
    }

    private static double luminance(final int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    /** Scales an image to a size with bicubic interpolation, to compare an output with its original. */
    public static BufferedImage scaleTo(final BufferedImage image, final int width, final int height) {
        final BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = target.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        return target;
    }
}
