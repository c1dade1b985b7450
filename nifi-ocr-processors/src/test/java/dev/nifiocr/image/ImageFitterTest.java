package dev.nifiocr.image;

import dev.nifiocr.test.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFitterTest {

    private static final long MEGABYTE = 1024 * 1024;
    private static final ImageLimits DEFAULTS = limits(7 * MEGABYTE, OutputFormat.JPEG, false);

    @Test
    void passesAcceptableImagesThroughUntouched() throws Exception {
        final byte[] jpeg = TestImages.jpeg(TestImages.textPage(1200, 900, BufferedImage.TYPE_INT_RGB, 1), 0.85f);

        final FittedImage fitted = ImageFitter.fit(jpeg, DEFAULTS);

        assertFalse(fitted.changed());
        assertSame(jpeg, fitted.bytes());
        assertEquals("jpeg", fitted.format());
        assertEquals(1200, fitted.width());
    }

    @Test
    void fitsALargePhotoUnderTheLimitAndKeepsTextLegible() throws Exception {
        final BufferedImage original = TestImages.grain(TestImages.textPage(4000, 3000, BufferedImage.TYPE_INT_RGB, 2), 12, 2);
        final byte[] jpeg = TestImages.jpeg(original, 0.98f);
        final ImageLimits limits = limits(2 * MEGABYTE, OutputFormat.JPEG, false);
        assertTrue(ImageLimits.base64Length(jpeg.length) > limits.maxBase64Length());

        final FittedImage fitted = ImageFitter.fit(jpeg, limits);

        assertTrue(fitted.changed());
        assertTrue(ImageLimits.base64Length(fitted.bytes().length) <= limits.maxBase64Length());
        final BufferedImage output = TestImages.decode(fitted.bytes());
        assertEquals(fitted.width(), output.getWidth());
        assertTrue(Math.min(output.getWidth(), output.getHeight()) >= 600);
        final double similarity = TestImages.ssim(TestImages.textPage(4000, 3000, BufferedImage.TYPE_INT_RGB, 2),
                TestImages.scaleTo(output, 4000, 3000));
        assertTrue(similarity > 0.9, "SSIM " + similarity);
    }

    @Test
    void scalesToTheMaximumLongSide() throws Exception {
        final byte[] png = TestImages.encode(TestImages.textPage(5000, 2500, BufferedImage.TYPE_INT_RGB, 3), "png");

        final FittedImage fitted = ImageFitter.fit(png, DEFAULTS);

        assertEquals(4096, fitted.width());
        assertEquals(2048, fitted.height());
        assertEquals(85, fitted.quality());
        assertEquals(new FittedImage.Source("png", 5000, 2500, png.length), fitted.source());
    }

    @Test
    void convertsCmykJpegToRgb() throws Exception {
        final byte[] cmyk = TestImages.cmykJpeg(800, 600);

        final FittedImage fitted = ImageFitter.fit(cmyk, DEFAULTS);

        assertTrue(fitted.changed());
        final BufferedImage output = TestImages.decode(fitted.bytes());
        assertEquals(3, output.getColorModel().getNumComponents());
        assertEquals(800, output.getWidth());
    }

    @Test
    void flattensTransparencyOntoWhite() throws Exception {
        final byte[] png = TestImages.encode(TestImages.textPage(800, 600, BufferedImage.TYPE_INT_ARGB, 4), "png");

        final FittedImage fitted = ImageFitter.fit(png, DEFAULTS);

        assertTrue(fitted.changed());
        final BufferedImage output = TestImages.decode(fitted.bytes());
        assertFalse(output.getColorModel().hasAlpha());
        final Color corner = new Color(output.getRGB(2, 2));
        assertTrue(corner.getRed() > 240 && corner.getGreen() > 240 && corner.getBlue() > 240, corner.toString());
    }

    @Test
    void reads16BitPng() throws Exception {
        final BufferedImage deep = new BufferedImage(900, 700, BufferedImage.TYPE_USHORT_GRAY);
        deep.createGraphics().drawImage(TestImages.textPage(900, 700, BufferedImage.TYPE_INT_RGB, 6), 0, 0, null);
        final byte[] png = TestImages.encode(deep, "png");

        final FittedImage fitted = ImageFitter.fit(png, new ImageLimits(7 * MEGABYTE, 800, 600, 85, 50, false, 100_000_000, OutputFormat.JPEG));

        assertTrue(fitted.changed());
        assertEquals(800, TestImages.decode(fitted.bytes()).getWidth());
    }

    @Test
    void turnsExifRotatedPhotosUpright() throws Exception {
        final BufferedImage stored = TestImages.textPage(800, 600, BufferedImage.TYPE_INT_RGB, 7);
        final java.awt.Graphics2D graphics = stored.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, 100, 100);
        graphics.dispose();
        // orientation 6: the camera was turned 90 degrees clockwise, the viewer must rotate the stored image clockwise
        final byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(stored, 0.9f), 6);

        final FittedImage fitted = ImageFitter.fit(jpeg, DEFAULTS);

        assertEquals(600, fitted.width());
        assertEquals(800, fitted.height());
        final BufferedImage output = TestImages.decode(fitted.bytes());
        final Color topRight = new Color(output.getRGB(550, 50));
        assertTrue(topRight.getRed() > 200 && topRight.getGreen() < 80, topRight.toString());
    }

    @Test
    void readsTheFirstFrameOfAnimatedGifs() throws Exception {
        final FittedImage fitted = ImageFitter.fit(TestImages.animatedGif(640, 480), DEFAULTS);
        assertEquals("jpeg", fitted.format());
        assertEquals(new FittedImage.Source("gif", 640, 480, fitted.source().bytes()), fitted.source());
    }

    @Test
    void readsWebp() throws Exception {
        final byte[] webp;
        try (InputStream in = ImageFitterTest.class.getResourceAsStream("/images/sample.webp")) {
            webp = in.readAllBytes();
        }
        final FittedImage fitted = ImageFitter.fit(webp, DEFAULTS);
        assertEquals("webp", fitted.source().format());
        assertEquals(160, fitted.width());
        assertEquals("jpeg", fitted.format());
    }

    @Test
    void writesGrayscaleAndPngWhenAsked() throws Exception {
        final byte[] bmp = TestImages.encode(TestImages.textPage(700, 900, BufferedImage.TYPE_INT_RGB, 8), "bmp");

        final FittedImage gray = ImageFitter.fit(bmp, limits(7 * MEGABYTE, OutputFormat.JPEG, true));
        final FittedImage png = ImageFitter.fit(TestImages.encode(TestImages.textPage(700, 900, BufferedImage.TYPE_INT_RGB, 8), "gif"),
                limits(7 * MEGABYTE, OutputFormat.PNG, false));

        assertEquals(1, TestImages.decode(gray.bytes()).getColorModel().getNumComponents());
        assertEquals("png", png.format());
        assertEquals(-1, png.quality());
    }

    @Test
    void refusesWhatCannotFitWithoutGoingBelowTheMinimumShortSide() {
        final byte[] jpeg = TestImages.jpeg(TestImages.grain(TestImages.textPage(1600, 1200, BufferedImage.TYPE_INT_RGB, 9), 20, 9), 0.95f);
        final ImageLimits tiny = new ImageLimits(20_000, 4096, 1000, 85, 50, false, 100_000_000, OutputFormat.JPEG);

        final ImageFitException refused = assertThrows(ImageFitException.class, () -> ImageFitter.fit(jpeg, tiny));

        assertEquals(ImageFitException.CANNOT_FIT, refused.getErrorCode());
        assertTrue(refused.getMessage().contains("minimum short side is 1000 px"), refused.getMessage());
    }

    @Test
    void refusesDecompressionBombsBeforeDecoding() {
        final ImageFitException refused = assertThrows(ImageFitException.class,
                () -> ImageFitter.fit(TestImages.pngHeaderClaiming(60_000, 60_000), DEFAULTS));
        assertEquals(ImageFitException.TOO_MANY_PIXELS, refused.getErrorCode());
        assertTrue(refused.getMessage().contains("3,600,000,000 pixels"));
    }

    @Test
    void refusesCorruptEmptyAndNonImageContent() {
        final byte[] jpeg = TestImages.jpeg(TestImages.textPage(1200, 900, BufferedImage.TYPE_INT_RGB, 10), 0.9f);
        final byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertEquals(ImageFitException.CORRUPT_IMAGE, assertThrows(ImageFitException.class,
                () -> ImageFitter.fit(truncated, limits(truncated.length, OutputFormat.JPEG, false))).getErrorCode());
        assertEquals(ImageFitException.EMPTY, assertThrows(ImageFitException.class, () -> ImageFitter.fit(new byte[0], DEFAULTS)).getErrorCode());
        assertEquals(ImageFitException.UNSUPPORTED_IMAGE, assertThrows(ImageFitException.class,
                () -> ImageFitter.fit("just some text, no image".getBytes(StandardCharsets.UTF_8), DEFAULTS)).getErrorCode());
    }

    @Test
    void passesPdfThroughWithinTheLimitOnly() throws Exception {
        final byte[] pdf = ("%PDF-1.7\n" + "x".repeat(3000)).getBytes(StandardCharsets.US_ASCII);
        final FittedImage fitted = ImageFitter.fit(pdf, DEFAULTS);
        assertArrayEquals(pdf, fitted.bytes());
        assertEquals("pdf", fitted.format());
        assertEquals(ImageFitException.CANNOT_FIT, assertThrows(ImageFitException.class,
                () -> ImageFitter.fit(pdf, limits(1000, OutputFormat.JPEG, false))).getErrorCode());
    }

    @Test
    void resizesInHalvingStepsToTheExactSize() {
        final BufferedImage source = TestImages.textPage(1000, 800, BufferedImage.TYPE_INT_RGB, 11);
        final BufferedImage resized = ImageFitter.resize(source, 0.3);
        assertEquals(300, resized.getWidth());
        assertEquals(240, resized.getHeight());
        assertSame(source, ImageFitter.resize(source, 1.0));
    }

    @Test
    void appliesEveryExifOrientation() {
        final BufferedImage source = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        source.setRGB(0, 0, 0xFF0000);
        // where the stored top-left pixel lands for orientations 1..8 (EXIF 2.32, 4.6.4 A)
        final int[][] expected = {{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
        for (int orientation = 1; orientation <= 8; orientation++) {
            final BufferedImage oriented = ImageFitter.orient(source, orientation);
            final int[] at = expected[orientation - 1];
            assertEquals(0xFF0000, oriented.getRGB(at[0], at[1]) & 0xFFFFFF, "orientation " + orientation);
        }
    }

    @Test
    void acceptsATiffWhoseLastStripIsShorterThanRowsPerStripImplies() throws Exception {
        // 650 rows in strips of 64: the last strip holds 10 rows, as valid TIFFs do; TwelveMonkeys warns all the same
        final byte[] tiff = TestImages.tiffInStrips(700, 650, 64, 0);

        final FittedImage fitted = ImageFitter.fit(tiff, DEFAULTS);

        assertEquals(new FittedImage.Source("tiff", 700, 650, tiff.length), fitted.source());
        assertEquals("jpeg", fitted.format());
        assertEquals(650, fitted.height());
    }

    @Test
    void refusesATiffWhoseStripHoldsFewerRowsThanItCarries() {
        final byte[] tiff = TestImages.tiffInStrips(700, 650, 64, 700 * 3);

        final ImageFitException refused = assertThrows(ImageFitException.class, () -> ImageFitter.fit(tiff, DEFAULTS));

        assertEquals(ImageFitException.CORRUPT_IMAGE, refused.getErrorCode());
        assertTrue(refused.getMessage().contains("strip 1 of 11"), refused.getMessage());
    }

    @Test
    void refusesTruncatedFilesEvenWhenTheyWouldPassThrough() {
        final BufferedImage page = TestImages.textPage(640, 480, BufferedImage.TYPE_INT_RGB, 13);
        final byte[] jpeg = TestImages.jpeg(page, 0.9f);
        final byte[] png = TestImages.encode(page, "png");
        final byte[] gif = TestImages.encode(page, "gif");
        final byte[] tiff = TestImages.tiffInStrips(700, 650, 64, 0);
        for (final byte[] complete : List.of(jpeg, png, gif, tiff)) {
            final byte[] truncated = Arrays.copyOf(complete, complete.length - complete.length / 10);

            final ImageFitException refused = assertThrows(ImageFitException.class, () -> ImageFitter.fit(truncated, DEFAULTS));

            assertEquals(ImageFitException.CORRUPT_IMAGE, refused.getErrorCode(), refused.getMessage());
        }
        // the very last byte missing: the JPEG has no end-of-image marker
        final ImageFitException lastByte = assertThrows(ImageFitException.class, () -> ImageFitter.fit(Arrays.copyOf(jpeg, jpeg.length - 1), DEFAULTS));
        assertTrue(lastByte.getMessage().contains("without its end-of-image marker"), lastByte.getMessage());
    }

    @Test
    void refusesBeforeDecodingWhatTheMemoryBudgetCannotHold() {
        // 16-bit RGBA: 8 bytes a decoded pixel; 3000 x 3000 is 72 MB decoded, and the 3000 px minimum short side forbids subsampling
        final byte[] png = TestImages.pngHeaderClaiming(3000, 3000, 16, 6);
        final ImageLimits limits = new ImageLimits(7 * MEGABYTE, 4096, 3000, 85, 50, false, 100_000_000, OutputFormat.JPEG, 64 * MEGABYTE);

        final ImageFitException refused = assertThrows(ImageFitException.class, () -> ImageFitter.fit(png, limits));

        assertEquals(ImageFitException.CANNOT_FIT, refused.getErrorCode());
        assertTrue(refused.getMessage().contains("8 B per decoded pixel"), refused.getMessage());
        assertTrue(refused.getMessage().contains("decoded 3,000 x 3,000: 72,000,000"), refused.getMessage());
        assertTrue(refused.getMessage().contains("memory budget of 67,108,864 bytes"), refused.getMessage());
    }

    @Test
    void decodesSubsampledWhenOnlyThatFitsTheMemoryBudget() throws Exception {
        final byte[] png = TestImages.png16BitRgba(2400, 1800);
        // full size: 34.6 MB decoded plus 26 MB output and encoder buffers; at half size a quarter of that
        final ImageLimits limits = new ImageLimits(7 * MEGABYTE, 4096, 600, 85, 50, false, 100_000_000, OutputFormat.JPEG, 40 * MEGABYTE);

        final FittedImage fitted = ImageFitter.fit(png, limits);

        assertEquals(1200, fitted.width());
        assertEquals(900, fitted.height());
        assertEquals(new FittedImage.Source("png", 2400, 1800, png.length), fitted.source());
    }

    @Test
    void keepsFullChromaUnlessTheSourceHadLess() throws Exception {
        final BufferedImage page = TestImages.textPage(900, 700, BufferedImage.TYPE_INT_RGB, 14);
        // a lossless source (a transparent PNG, to be flattened) keeps 4:4:4: colour edges of text stay sharp
        final FittedImage fromPng = ImageFitter.fit(TestImages.encode(TestImages.textPage(900, 700, BufferedImage.TYPE_INT_ARGB, 14), "png"), DEFAULTS);
        assertArrayEquals(new int[]{1, 1}, TestImages.jpegLumaSampling(fromPng.bytes()));
        // a 4:2:0 camera JPEG that must be re-encoded at its size (here: turned upright) stays 4:2:0, it had no more colour
        final FittedImage fromJpeg = ImageFitter.fit(TestImages.withExifOrientation(TestImages.jpeg(page, 0.9f), 3), DEFAULTS);
        assertArrayEquals(new int[]{2, 2}, TestImages.jpegLumaSampling(fromJpeg.bytes()));
        // the same JPEG scaled down has more colour detail than 4:2:0 keeps at the new size
        final FittedImage scaled = ImageFitter.fit(TestImages.jpeg(page, 0.9f), new ImageLimits(7 * MEGABYTE, 800, 600, 85, 50, false, 100_000_000, OutputFormat.JPEG));
        assertArrayEquals(new int[]{1, 1}, TestImages.jpegLumaSampling(scaled.bytes()));
    }

    @Test
    void lowersQualityToAPredictedValueThatFits() throws Exception {
        final BufferedImage photo = TestImages.grain(TestImages.textPage(1600, 1200, BufferedImage.TYPE_INT_RGB, 15), 12, 15);
        final byte[] png = TestImages.encode(photo, "png");
        final long atStart = ImageFitter.encode(photo, OutputFormat.JPEG, 85).length;
        final ImageLimits limits = new ImageLimits(ImageLimits.base64Length(atStart * 2 / 3), 4096, 600, 85, 30, false, 100_000_000, OutputFormat.JPEG);

        final FittedImage fitted = ImageFitter.fit(png, limits);

        assertEquals(1600, fitted.width());
        assertTrue(fitted.quality() < 85 && fitted.quality() >= 30, "quality " + fitted.quality());
        assertTrue(fitted.bytes().length <= limits.maxBytes());
    }

    @Test
    void reencodesAJpegThatIsOnlyTooLargeKeepingItsColours() throws Exception {
        final BufferedImage page = TestImages.grain(TestImages.textPage(1200, 900, BufferedImage.TYPE_INT_RGB, 16), 8, 16);
        final java.awt.Graphics2D graphics = page.createGraphics();
        final Color[] colours = {new Color(220, 30, 30), new Color(30, 180, 40), new Color(30, 60, 220)};
        for (int i = 0; i < colours.length; i++) {
            graphics.setColor(colours[i]);
            graphics.fillRect(100 + 300 * i, 100, 200, 200);
        }
        graphics.dispose();
        final byte[] jpeg = TestImages.jpeg(page, 0.98f);
        final ImageLimits limits = limits(ImageLimits.base64Length(jpeg.length) * 3 / 4, OutputFormat.JPEG, false);

        final FittedImage fitted = ImageFitter.fit(jpeg, limits);

        assertTrue(fitted.changed());
        assertEquals(1200, fitted.width());
        assertTrue(fitted.bytes().length <= limits.maxBytes());
        assertArrayEquals(new int[]{2, 2}, TestImages.jpegLumaSampling(fitted.bytes()));
        final BufferedImage output = TestImages.decode(fitted.bytes());
        for (int i = 0; i < colours.length; i++) {
            final Color seen = new Color(output.getRGB(200 + 300 * i, 200));
            assertTrue(Math.abs(seen.getRed() - colours[i].getRed()) < 25 && Math.abs(seen.getGreen() - colours[i].getGreen()) < 25
                    && Math.abs(seen.getBlue() - colours[i].getBlue()) < 25, "block " + i + ": " + seen);
        }
        assertTrue(TestImages.ssim(page, output) > 0.9);
    }

    private static ImageLimits limits(final long maxBase64, final OutputFormat format, final boolean grayscale) {
        return new ImageLimits(maxBase64, 4096, 600, 85, 50, grayscale, 100_000_000, format);
    }

}
