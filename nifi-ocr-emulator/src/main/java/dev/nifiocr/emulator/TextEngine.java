package dev.nifiocr.emulator;

import com.benjaminwan.ocrlibrary.OcrResult;
import com.benjaminwan.ocrlibrary.TextBlock;
import io.github.mymonstercat.Model;
import io.github.mymonstercat.ocr.InferenceEngine;
import io.github.mymonstercat.ocr.config.ParamConfig;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RapidOCR (PaddleOCR PP-OCRv3 detection, direction and recognition models for Chinese and English in ONNX Runtime),
 * all of it from Maven Central: the native library and the models are unpacked from their jars on first use, nothing
 * is downloaded. One engine per JVM, loaded on first use and shared by every emulator in it; the native engine is not
 * safe for concurrent use, so pages are read one at a time.
 */
final class TextEngine {

    /**
     * Pages are scaled to this long side for text detection (the lines are then read from the full page): on the samples
     * it reads as well as full size, at half the memory (peak RSS 280 MB instead of 520 MB) and less time.
     */
    private static final int DETECTION_LONG_SIDE = 960;
    private static final Object LOADING = new Object();
    private static volatile TextEngine shared;
    private static volatile IllegalStateException unavailable;

    private final InferenceEngine engine;
    private final ParamConfig parameters = ParamConfig.getDefaultConfig();

    private TextEngine(final InferenceEngine engine) {
        this.engine = engine;
        parameters.setMaxSideLen(DETECTION_LONG_SIDE);
    }

    /** The JVM's engine, loaded (native library, models, one warm-up page) by the first caller; later callers wait for it. */
    static TextEngine shared() {
        final TextEngine loaded = shared;
        if (loaded != null) {
            return loaded;
        }
        synchronized (LOADING) {
            if (shared == null && unavailable == null) {
                try {
                    final TextEngine engine = new TextEngine(InferenceEngine.getInstance(Model.ONNX_PPOCR_V3));
                    engine.read(new BufferedImage(64, 32, BufferedImage.TYPE_3BYTE_BGR));
                    shared = engine;
                } catch (final RuntimeException | LinkageError e) {
                    unavailable = new IllegalStateException("RapidOCR could not be loaded on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch") + ": " + e, e);
                }
            }
            if (shared == null) {
                throw unavailable;
            }
            return shared;
        }
    }

    /** The page's text lines in reading order; empty when it has none. */
    List<TextLine> read(final BufferedImage page) {
        final OcrResult result;
        Path file = null;
        try {
            // the engine reads files only; BMP is written without compression, so quickly
            file = Files.createTempFile("nifi-ocr-emulator-", ".bmp");
            if (!ImageIO.write(page, "bmp", file.toFile())) {
                throw new IOException("No BMP writer for image type " + page.getType());
            }
            synchronized (this) {
                result = engine.runOcr(file.toString(), parameters);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
        final List<TextLine> blocks = new ArrayList<>();
        for (final TextBlock block : result.getTextBlocks()) {
            final String text = block.getText().strip();
            if (!text.isEmpty()) {
                final List<TextLine.Point> polygon = block.getBoxPoint().stream().map(point -> new TextLine.Point(point.getX(), point.getY())).toList();
                blocks.add(new TextLine(text, confidence(block), polygon));
            }
        }
        return ReadingOrder.rows(blocks).stream().flatMap(List::stream).toList();
    }

    /** Tencent's 0-100: the mean of the recogniser's per-character scores. */
    private static int confidence(final TextBlock block) {
        final float[] scores = block.getCharScores();
        if (scores == null || scores.length == 0) {
            return Math.round(block.getBoxScore() * 100);
        }
        double sum = 0;
        for (final float score : scores) {
            sum += score;
        }
        return (int) Math.max(0, Math.min(100, Math.round(sum / scores.length * 100)));
    }

    private static void deleteQuietly(final Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (final IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
