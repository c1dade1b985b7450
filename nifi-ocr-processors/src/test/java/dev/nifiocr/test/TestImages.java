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
        final ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put(new byte[]{8, 2, 0, 0, 0});
        final CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        final ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
        return png.array();
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
