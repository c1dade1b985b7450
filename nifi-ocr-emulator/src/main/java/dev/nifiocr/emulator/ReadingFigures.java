package dev.nifiocr.emulator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The emulator's OCR cost, for docs/emulator.md: loads the engine, reads each file given (image, or page 1 of a PDF) several
 * times on one thread and prints the median wall time and CPU time of that thread per page (on a busy machine the CPU
 * time is the steadier figure), then the process's peak resident memory and heap in use.
 * Usage: java -cp nifi-ocr-emulator/target/nifi-ocr-emulator.jar dev.nifiocr.emulator.ReadingFigures [--runs=N] FILE...
 */
public final class ReadingFigures {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReadingFigures() {
    }

    public static void main(final String[] args) throws Exception {
        final int runs = Arrays.stream(args).filter(arg -> arg.startsWith("--runs=")).findFirst().map(arg -> Integer.parseInt(arg.substring(7))).orElse(5);
        final List<Path> files = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).map(Path::of).toList();
        final long loadStart = System.nanoTime();
        final TextEngine engine = TextEngine.shared();
        System.out.printf(Locale.ROOT, "engine loaded in %d ms (native library, models, one warm-up page)%n", (System.nanoTime() - loadStart) / 1_000_000);
        for (final Path file : files) {
            final byte[] content = Files.readAllBytes(file);
            final Pages.Page page = Pages.isPdf(content) ? Pages.pdfPage(content, 1) : Pages.image(content);
            final long[] millis = new long[runs];
            final long[] cpuMillis = new long[runs];
            int lines = 0;
            for (int run = 0; run < runs; run++) {
                final long start = System.nanoTime();
                final long cpuStart = THREADS.getCurrentThreadCpuTime();
                lines = engine.read(page.image()).size();
                cpuMillis[run] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
                millis[run] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(millis);
            Arrays.sort(cpuMillis);
            System.out.printf(Locale.ROOT, "%-20s %4d x %-4d %3d lines: median %5d ms per page, CPU %5d ms (wall min %d, max %d; %d runs)%n",
                    file.getFileName(), page.image().getWidth(), page.image().getHeight(), lines, millis[runs / 2], cpuMillis[runs / 2], millis[0],
                    millis[runs - 1], runs);
        }
        final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "peak resident memory %s, heap in use %d MB%n", peakResident(), heap / (1024 * 1024));
    }

    /** VmHWM of /proc/self/status: the process's peak resident set, native engine included (Linux only). */
    private static String peakResident() throws IOException {
        final Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "unknown (no /proc)";
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:")).map(line -> line.substring(6).strip()).findFirst().orElse("unknown");
    }
}
