package dev.nifiocr.benchmarks;

import dev.nifiocr.image.FittedImage;
import dev.nifiocr.image.ImageFitter;
import dev.nifiocr.image.ImageLimits;
import dev.nifiocr.image.OutputFormat;
import dev.nifiocr.test.TestImages;
import net.coobird.thumbnailator.Thumbnails;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * CompressImage's fitter next to ImageMagick (convert, a separate process) and Thumbnailator doing the same job in the
 * same run: fit a 12-megapixel JPEG photo and a 300-dpi A4 scan to the defaults (7 MB after Base64, long side at most
 * 4096 px, JPEG quality 85 and lower only as needed). Prints median time, peak memory, output size and SSIM against
 * the input, and our ratios to each peer. Run: java -cp benchmarks.jar dev.nifiocr.benchmarks.ImageBenchmark [runs]
 */
public final class ImageBenchmark {

    private static final long MAX_BASE64 = 7L * 1024 * 1024;
    private static final long MAX_BYTES = MAX_BASE64 / 4 * 3;
    private static final int MAX_LONG_SIDE = 4096;
    private static final ImageLimits LIMITS = new ImageLimits(MAX_BASE64, MAX_LONG_SIDE, 600, 85, 50, false, 100_000_000, OutputFormat.JPEG);
    private static final String IMAGEMAGICK = "/usr/bin/convert";

    private ImageBenchmark() {
    }

    private record Result(String tool, double millis, double peakMegabytes, long bytes, double ssim) {
    }

    private interface Job {
        byte[] run(Path input) throws Exception;
    }

    public static void main(final String[] args) throws Exception {
        final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final Path directory = Files.createTempDirectory("image-benchmark");
        final BufferedImage photo = TestImages.grain(TestImages.textPage(4000, 3000, BufferedImage.TYPE_INT_RGB, 1), 14, 1);
        final BufferedImage scan = TestImages.grain(TestImages.textPage(2480, 3508, BufferedImage.TYPE_INT_RGB, 2), 6, 2);
        final Path photoFile = directory.resolve("photo-12mp.jpg");
        final Path scanFile = directory.resolve("scan-a4-300dpi.tif");
        Files.write(photoFile, TestImages.jpeg(photo, 0.97f));
        Files.write(scanFile, TestImages.encode(scan, "tiff"));

        final boolean imageMagick = Files.isExecutable(Path.of(IMAGEMAGICK)) && Files.isExecutable(Path.of("/usr/bin/time"));
        System.out.printf(Locale.ROOT, "%d cores, JDK %s, %d runs each, ImageMagick %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), runs, imageMagick ? version() : "not installed (apt-get install imagemagick)");
        for (final Path input : List.of(photoFile, scanFile)) {
            final BufferedImage reference = TestImages.decode(Files.readAllBytes(input));
            System.out.printf(Locale.ROOT, "%n%s: %d x %d, %,d bytes (%,d after Base64; limit %,d)%n", input.getFileName(), reference.getWidth(),
                    reference.getHeight(), Files.size(input), ImageLimits.base64Length(Files.size(input)), MAX_BASE64);
            final Result ours = measure("nifi-ocr ImageFitter", input, reference, runs, file -> {
                final FittedImage fitted = ImageFitter.fit(Files.readAllBytes(file), LIMITS);
                return fitted.bytes();
            });
            final Result thumbnailator = measure("Thumbnailator 0.4.20", input, reference, runs, ImageBenchmark::thumbnailator);
            final List<Result> results = new ArrayList<>(List.of(ours, thumbnailator));
            if (imageMagick) {
                results.add(imageMagick(input, reference, runs, directory));
            }
            for (final Result result : results) {
                System.out.printf(Locale.ROOT, "  %-22s %8.0f ms  peak %6.0f MB  out %,11d bytes  SSIM %.4f  fits %s%n", result.tool, result.millis,
                        result.peakMegabytes, result.bytes, result.ssim, ImageLimits.base64Length(result.bytes) <= MAX_BASE64);
            }
            for (final Result peer : results.subList(1, results.size())) {
                System.out.printf(Locale.ROOT, "  ratio to %-20s time %.2fx  memory %.2fx  size %.2fx  SSIM %+.4f%n", peer.tool,
                        ours.millis / peer.millis, ours.peakMegabytes / peer.peakMegabytes, (double) ours.bytes / peer.bytes, ours.ssim - peer.ssim);
            }
        }
    }

    /** Thumbnailator's usual recipe, with quality lowered in steps of 5 until the output fits, as a user would script it. */
    private static byte[] thumbnailator(final Path input) throws IOException {
        final BufferedImage image = Thumbnails.of(input.toFile()).size(MAX_LONG_SIDE, MAX_LONG_SIDE).useExifOrientation(true).asBufferedImage();
        byte[] output = null;
        for (int quality = 85; quality >= 50; quality -= 5) {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thumbnails.of(image).scale(1.0).outputFormat("jpg").outputQuality(quality / 100f).toOutputStream(out);
            output = out.toByteArray();
            if (output.length <= MAX_BYTES) {
                break;
            }
        }
        return output;
    }

    private static Result measure(final String tool, final Path input, final BufferedImage reference, final int runs, final Job job) throws Exception {
        job.run(input);
        final double[] millis = new double[runs];
        long peak = 0;
        byte[] output = null;
        for (int run = 0; run < runs; run++) {
            System.gc();
            final long baseline = heapUsed();
            resetPeaks();
            final long started = System.nanoTime();
            output = job.run(input);
            millis[run] = (System.nanoTime() - started) / 1e6;
            peak = Math.max(peak, heapPeak() - baseline);
        }
        return new Result(tool, median(millis), peak / 1048576.0, output.length, ssim(reference, output));
    }

    private static Result imageMagick(final Path input, final BufferedImage reference, final int runs, final Path directory) throws Exception {
        final Path output = directory.resolve("imagemagick.jpg");
        final double[] millis = new double[runs + 1];
        long peakKilobytes = 0;
        for (int run = 0; run <= runs; run++) {
            final long started = System.nanoTime();
            // -define jpeg:extent makes ImageMagick search the highest quality that fits the size, like ImageFitter
            final Process process = new ProcessBuilder("/usr/bin/time", "-f", "%M", IMAGEMAGICK, input.toString(), "-auto-orient",
                    "-resize", MAX_LONG_SIDE + "x" + MAX_LONG_SIDE + ">", "-quality", "85", "-define", "jpeg:extent=" + MAX_BYTES,
                    output.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            final String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            process.waitFor(5, TimeUnit.MINUTES);
            millis[run] = (System.nanoTime() - started) / 1e6;
            final String[] lines = stderr.split("\n");
            peakKilobytes = Math.max(peakKilobytes, Long.parseLong(lines[lines.length - 1].trim()));
        }
        final byte[] bytes = Files.readAllBytes(output);
        return new Result("ImageMagick convert", median(Arrays.copyOfRange(millis, 1, millis.length)), peakKilobytes / 1024.0, bytes.length,
                ssim(reference, bytes));
    }

    private static double ssim(final BufferedImage reference, final byte[] output) throws IOException {
        final BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(output));
        return TestImages.ssim(reference, TestImages.scaleTo(decoded, reference.getWidth(), reference.getHeight()));
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long peak = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String version() throws IOException {
        final Process process = new ProcessBuilder(IMAGEMAGICK, "-version").start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("?")
                .replace("Version: ", "");
    }
}
