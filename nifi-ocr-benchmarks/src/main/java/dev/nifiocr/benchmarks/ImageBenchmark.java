package dev.nifiocr.benchmarks;

import dev.nifiocr.image.ImageFitter;
import dev.nifiocr.image.ImageLimits;
import dev.nifiocr.image.OutputFormat;
import dev.nifiocr.test.TestImages;

import javax.imageio.ImageIO;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * CompressImage's fitter next to ImageMagick as a user runs it ({@code convert IN -resize '4096x4096>' -quality 85 OUT},
 * plain, not jpeg:extent), runs interleaved so that load on the machine falls on both alike: a 24-megapixel photo-like
 * JPEG and a 12-megapixel photo of a printed page, fitted to CompressImage's defaults (7 MB after Base64, long side
 * 4096, quality 85). Prints median wall and CPU time, peak memory (our heap; ImageMagick's resident set), output size, and PSNR and
 * SSIM against the source (outputs scaled back to the source size alike), then our ratios. Without a real ImageMagick at
 * /usr/bin/convert it says so and measures ours only.
 * Run: java -cp benchmarks.jar dev.nifiocr.benchmarks.ImageBenchmark [runs]
 */
public final class ImageBenchmark {

    private static final long MAX_BASE64 = 7L * 1024 * 1024;
    private static final int MAX_LONG_SIDE = 4096;
    private static final ImageLimits LIMITS = new ImageLimits(MAX_BASE64, MAX_LONG_SIDE, 600, 85, 50, false, 100_000_000, OutputFormat.JPEG);
    private static final String IMAGEMAGICK = "/usr/bin/convert";

    private ImageBenchmark() {
    }

    private record Result(String tool, double millis, double cpuMillis, double peakMegabytes, long bytes, double psnr, double ssim) {
    }

    /** One convert run as /usr/bin/time saw it. */
    private record Process(long peakKilobytes, double cpuMillis) {
    }

    public static void main(final String[] args) throws Exception {
        final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final Path directory = Files.createTempDirectory("image-benchmark");
        final Path photo = directory.resolve("photo-24mp.jpg");
        final Path page = directory.resolve("printed-page-12mp.jpg");
        Files.write(photo, TestImages.jpeg(TestImages.grain(photo(6000, 4000), 10, 3), 0.92f));
        Files.write(page, TestImages.jpeg(TestImages.grain(TestImages.textPage(4000, 3000, BufferedImage.TYPE_INT_RGB, 1), 14, 1), 0.97f));

        final String imageMagick = imageMagickVersion();
        System.out.printf(Locale.ROOT, "%d cores, JDK %s, heap max %,d MB, %d runs each, interleaved; ImageMagick: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, runs,
                imageMagick == null ? "not installed (apt-get install imagemagick; /usr/bin/convert is not ImageMagick), measuring ours only" : imageMagick);
        for (final Path input : List.of(photo, page)) {
            final byte[] bytes = Files.readAllBytes(input);
            final BufferedImage source = TestImages.decode(bytes);
            System.out.printf(Locale.ROOT, "%n%s: %d x %d, %,d bytes (%,d after Base64; limit %,d)%n", input.getFileName(), source.getWidth(),
                    source.getHeight(), bytes.length, ImageLimits.base64Length(bytes.length), MAX_BASE64);
            final Path imageMagickOutput = directory.resolve("imagemagick.jpg");
            ImageFitter.fit(bytes, LIMITS); // warm-up
            final double[] ourMillis = new double[runs];
            final double[] ourCpu = new double[runs];
            final double[] theirMillis = new double[runs];
            final double[] theirCpu = new double[runs];
            long ourPeak = 0;
            long theirPeakKilobytes = 0;
            byte[] ours = null;
            for (int run = 0; run < runs; run++) {
                System.gc();
                final long baseline = heapUsed();
                resetPeaks();
                final long cpu = processCpuNanos();
                final long started = System.nanoTime();
                ours = ImageFitter.fit(Files.readAllBytes(input), LIMITS).bytes();
                ourMillis[run] = (System.nanoTime() - started) / 1e6;
                ourCpu[run] = (processCpuNanos() - cpu) / 1e6;
                ourPeak = Math.max(ourPeak, heapPeak() - baseline);
                if (imageMagick != null) {
                    final long begun = System.nanoTime();
                    final Process convert = imageMagick(input, imageMagickOutput);
                    theirMillis[run] = (System.nanoTime() - begun) / 1e6;
                    theirCpu[run] = convert.cpuMillis();
                    theirPeakKilobytes = Math.max(theirPeakKilobytes, convert.peakKilobytes());
                }
            }
            final Result our = result("nifi-ocr CompressImage", ourMillis, ourCpu, ourPeak / 1048576.0, ours, source);
            print(our, "heap");
            if (imageMagick != null) {
                final Result their = result("ImageMagick convert", theirMillis, theirCpu, theirPeakKilobytes / 1024.0, Files.readAllBytes(imageMagickOutput), source);
                print(their, "RSS ");
                System.out.printf(Locale.ROOT, "  ours / ImageMagick: time %.2fx, CPU %.2fx, memory %.2fx, size %.2fx, PSNR %+.2f dB, SSIM %+.4f%n",
                        our.millis / their.millis, our.cpuMillis / their.cpuMillis, our.peakMegabytes / their.peakMegabytes, (double) our.bytes / their.bytes,
                        our.psnr - their.psnr, our.ssim - their.ssim);
            }
        }
    }

    /** Sky-like gradients and soft coloured shapes, as a photo has; the caller adds sensor grain. */
    static BufferedImage photo(final int width, final int height) {
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, height, new Color(230, 200, 150)));
        graphics.fillRect(0, 0, width, height);
        final Random random = new Random(1);
        for (int shape = 0; shape < 400; shape++) {
            graphics.setPaint(new GradientPaint(random.nextInt(width), random.nextInt(height), new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 180),
                    random.nextInt(width), random.nextInt(height), new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 120)));
            graphics.fillOval(random.nextInt(width) - 300, random.nextInt(height) - 300, 50 + random.nextInt(900), 50 + random.nextInt(900));
        }
        graphics.dispose();
        return image;
    }

    private static Result result(final String tool, final double[] millis, final double[] cpuMillis, final double peakMegabytes, final byte[] output,
                                 final BufferedImage source) throws IOException {
        final BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(output));
        final BufferedImage scaled = TestImages.scaleTo(decoded, source.getWidth(), source.getHeight());
        return new Result(tool + " (" + decoded.getWidth() + " x " + decoded.getHeight() + ")", median(millis), median(cpuMillis), peakMegabytes, output.length,
                psnr(source, scaled), TestImages.ssim(source, scaled));
    }

    private static void print(final Result result, final String memory) {
        System.out.printf(Locale.ROOT, "  %-40s %7.0f ms (CPU %5.0f ms)  peak %s %5.0f MB  out %,11d bytes  PSNR %.2f dB  SSIM %.4f  fits %s%n", result.tool,
                result.millis, result.cpuMillis, memory, result.peakMegabytes, result.bytes, result.psnr, result.ssim, ImageLimits.base64Length(result.bytes) <= MAX_BASE64);
    }

    /** Runs convert under /usr/bin/time: its peak resident set and its CPU time (user + system, all threads). */
    private static Process imageMagick(final Path input, final Path output) throws IOException, InterruptedException {
        final java.lang.Process process = new ProcessBuilder("/usr/bin/time", "-f", "%M %U %S", IMAGEMAGICK, input.toString(), "-resize",
                MAX_LONG_SIDE + "x" + MAX_LONG_SIDE + ">", "-quality", "85", output.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("convert failed: " + stderr);
        }
        final String[] lines = stderr.split("\n");
        final String[] figures = lines[lines.length - 1].trim().split(" ");
        return new Process(Long.parseLong(figures[0]), (Double.parseDouble(figures[1]) + Double.parseDouble(figures[2])) * 1000);
    }

    /** CPU time of this JVM, every thread (the fitting thread, GC, JIT), as /usr/bin/time counts convert's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** PSNR over the R, G and B samples of two images of the same size. */
    static double psnr(final BufferedImage first, final BufferedImage second) {
        double squares = 0;
        for (int y = 0; y < first.getHeight(); y++) {
            for (int x = 0; x < first.getWidth(); x++) {
                final int a = first.getRGB(x, y);
                final int b = second.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    final int difference = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
                    squares += difference * difference;
                }
            }
        }
        final double meanSquare = squares / (3.0 * first.getWidth() * first.getHeight());
        return 10 * Math.log10(255.0 * 255.0 / meanSquare);
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

    /** The version line of a real ImageMagick at /usr/bin/convert, or null. */
    private static String imageMagickVersion() {
        if (!Files.isExecutable(Path.of(IMAGEMAGICK)) || !Files.isExecutable(Path.of("/usr/bin/time"))) {
            return null;
        }
        try {
            final java.lang.Process process = new ProcessBuilder(IMAGEMAGICK, "-version").redirectErrorStream(true).start();
            final String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            process.waitFor(1, TimeUnit.MINUTES);
            return first.contains("ImageMagick") ? first.replace("Version: ", "") : null;
        } catch (final IOException | InterruptedException e) {
            return null;
        }
    }
}
