package dev.nifiocr.throughput;

import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of a real NiFi 2.3.0 node, measured as a user runs it: pre-queued 50 KB FlowFiles, 2 concurrent tasks, a
 * local endpoint that answers at once with default socket options. Side by side in one run, one variant after the
 * other on identical FlowFiles (one GenerateFlowFile feeds all three queues): InvokeTencentOCR (GeneralBasicOCR, rate
 * limit at its maximum), InvokeHTTP posting the same bytes to the same endpoint, and NiFi's floor, ReplaceText replacing
 * the content with a small body. For each it prints FlowFiles/s, NiFi's CPU per FlowFile (from /proc: the process, and
 * its processor and GC threads), the endpoint's CPU per request, and p50/p99 of the call time as the endpoint sees it
 * (first request byte to answer written).
 * <p>
 * Not a test: CI never runs it. Needs Linux (/proc) and the NiFi that {@code ./mvnw -pl nifi-ocr-integration-tests -am
 * test-compile} assembles. Arguments: [FlowFiles per variant and round, default 3000] [rounds, default 3].
 * {@code -Djfr=FILE} records a JFR profile of NiFi (settings=profile) while InvokeTencentOCR runs in the last round.
 */
public final class NiFiThroughputBenchmark {

    private static final String SECRET_ID = "AKIDthroughput000000000000000000000";
    private static final String SECRET_KEY = "throughput-secret-key";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int WARM_UP_FLOWFILES = 1000;

    private record Variant(String name, Connectable processor, String queue) {
    }

    /**
     * One variant's run. NiFi's CPU is read twice: the whole process, and only the threads that do a processor's work
     * ({@link ProcessCpu#WORK_THREADS}: NiFi's Timer-Driven threads, OkHttp's, which route the answers of calls in flight,
     * and the garbage collector's). The second does not charge a variant for the time it waits on the network while NiFi's timers, web
     * server and this benchmark's polling keep running.
     */
    private record Figures(long flowFiles, double seconds, double processCpuMillis, double workCpuMillis, int calls, double endpointCpuMillis,
                           long[] callNanos) {
        double perSecond() {
            return flowFiles / seconds;
        }

        double processCpuPerFlowFile() {
            return processCpuMillis / flowFiles;
        }

        double workCpuPerFlowFile() {
            return workCpuMillis / flowFiles;
        }
    }

    private NiFiThroughputBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int flowFiles = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final Path directory = Path.of(System.getProperty("nifi.rig.directory", "nifi-ocr-integration-tests/target/nifi"));
        final byte[] answer;
        try (InputStream in = NiFiThroughputBenchmark.class.getResourceAsStream("/fixtures/GeneralBasicOCR-1.json")) {
            answer = in.readAllBytes();
        }
        try (ImmediateEndpoint endpoint = new ImmediateEndpoint(answer, 1_000_000);
             NiFiRig nifi = NiFiRig.start(directory, NiFiRig.freePort(), Duration.ofMinutes(3))) {
            final NiFiRestClient rest = nifi.client();
            final String root = rest.rootGroupId();
            final String service = rest.createControllerService(root, "dev.nifiocr.service.StandardTencentCloudClientService", "Tencent Cloud",
                    Map.of("Secret ID", SECRET_ID, "Secret Key", SECRET_KEY, "Endpoint", endpoint.url(), "Rate Limit per Account", "10000",
                            "Read Timeout", "5 secs"));
            rest.enableControllerService(service, Duration.ofSeconds(30));

            final Connectable generator = rest.createProcessor(root, "org.apache.nifi.processors.standard.GenerateFlowFile", "50 KB FlowFiles",
                    Map.of("File Size", "50 KB", "Batch Size", "100", "Data Format", "Binary", "Unique FlowFiles", "false"), List.of(), 0, 0);
            final List<Variant> variants = new ArrayList<>();
            variants.add(variant(rest, root, generator, "NiFi floor (ReplaceText)", "org.apache.nifi.processors.standard.ReplaceText",
                    Map.of("Replacement Strategy", "Always Replace", "Replacement Value", "{}", "Evaluation Mode", "Entire text"),
                    List.of("success", "failure"), 0));
            variants.add(variant(rest, root, generator, "InvokeHTTP", "org.apache.nifi.processors.standard.InvokeHTTP",
                    Map.of("HTTP Method", "POST", "HTTP URL", endpoint.url() + "/"),
                    List.of("Original", "Response", "Retry", "No Retry", "Failure"), 1));
            variants.add(variant(rest, root, generator, "InvokeTencentOCR", "dev.nifiocr.processors.InvokeTencentOCR",
                    Map.of("Tencent Cloud Client Service", service, "OCR Action", "GeneralBasicOCR"),
                    List.of("success", "failure", "retry", "original"), 2));

            System.out.printf(Locale.ROOT, "NiFi 2.3.0 pid %d, endpoint %s, 50 KB FlowFiles, 2 concurrent tasks per processor, %d FlowFiles per "
                    + "variant and round, %d rounds after a warm-up of %d%n", nifi.pid(), endpoint.url(), flowFiles, rounds, WARM_UP_FLOWFILES);
            fill(rest, generator, variants, WARM_UP_FLOWFILES);
            for (final Variant variant : variants) {
                measure(rest, nifi.pid(), endpoint, variant, null);
            }
            final Map<String, List<Figures>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                fill(rest, generator, variants, flowFiles);
                for (final Variant variant : variants) {
                    final Path jfr = round == rounds && variant.name().equals("InvokeTencentOCR") && System.getProperty("jfr") != null
                            ? Path.of(System.getProperty("jfr")).toAbsolutePath() : null;
                    final Figures figures = measure(rest, nifi.pid(), endpoint, variant, jfr);
                    results.computeIfAbsent(variant.name(), name -> new ArrayList<>()).add(figures);
                    print("round " + round, variant.name(), figures);
                }
            }
            summarize(results);
            final Map<String, Long> counters = rest.counters();
            System.out.println("Counters: GeneralBasicOCR Requests Sent " + counters.get("GeneralBasicOCR Requests Sent") + ", Succeeded "
                    + counters.get("GeneralBasicOCR Answers Succeeded") + "; bulletins: " + rest.bulletins());
        }
    }

    private static Variant variant(final NiFiRestClient rest, final String root, final Connectable generator, final String name, final String type,
                                   final Map<String, String> properties, final List<String> autoTerminated, final int column) throws IOException {
        final Connectable processor = rest.createProcessor(root, type, name, properties, autoTerminated, column * 400, 300);
        rest.setConcurrentTasks(processor.id(), 2);
        final String queue = rest.connect(generator, processor, List.of("success"));
        final String status = rest.processor(processor.id()).at("/component/validationStatus").asText();
        if (!"VALID".equals(status)) {
            throw new IllegalStateException(name + " is " + status + ": " + rest.processor(processor.id()).at("/component/validationErrors"));
        }
        return new Variant(name, processor, queue);
    }

    /** Runs the generator until every variant's queue holds at least the given number of FlowFiles. */
    private static void fill(final NiFiRestClient rest, final Connectable generator, final List<Variant> variants, final int flowFiles)
            throws IOException, InterruptedException {
        rest.setProcessorState(generator.id(), "RUNNING");
        while (rest.queuedCount(variants.get(0).queue()) < flowFiles) {
            Thread.sleep(POLL.toMillis());
        }
        rest.setProcessorState(generator.id(), "STOPPED");
        Thread.sleep(1000);
    }

    private static Figures measure(final NiFiRestClient rest, final long pid, final ImmediateEndpoint endpoint, final Variant variant, final Path jfr)
            throws IOException, InterruptedException {
        final long queued = rest.queuedCount(variant.queue());
        if (jfr != null) {
            jcmd(pid, "JFR.start", "name=throughput", "settings=profile");
        }
        endpoint.reset();
        final long cpuBefore = ProcessCpu.processNanos(pid);
        final Map<String, Long> workBefore = ProcessCpu.threads(pid, ProcessCpu.WORK_THREADS);
        final long started = System.nanoTime();
        rest.setProcessorState(variant.processor().id(), "RUNNING");
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (rest.queuedCount(variant.queue()) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(variant.name() + " did not drain its queue in 10 minutes");
            }
            Thread.sleep(POLL.toMillis());
        }
        final long ended = System.nanoTime();
        final long cpuAfter = ProcessCpu.processNanos(pid);
        final long work = ProcessCpu.spentBetween(workBefore, ProcessCpu.threads(pid, ProcessCpu.WORK_THREADS));
        rest.setProcessorState(variant.processor().id(), "STOPPED");
        if (jfr != null) {
            jcmd(pid, "JFR.stop", "name=throughput", "filename=" + jfr);
            System.out.println("JFR profile of NiFi while InvokeTencentOCR ran: " + jfr);
        }
        final double seconds = (ended - started) / 1e9;
        return new Figures(queued, seconds, (cpuAfter - cpuBefore) / 1e6, work / 1e6, endpoint.calls(),
                endpoint.cpuNanos() / 1e6, endpoint.sortedCallNanos());
    }

    static void jcmd(final long pid, final String... command) throws IOException, InterruptedException {
        final List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(Arrays.asList(command));
        final Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }

    private static void print(final String label, final String variant, final Figures figures) {
        final boolean calls = figures.calls() > 0;
        System.out.printf(Locale.ROOT, "%-8s %-25s %5d FlowFiles in %6.2f s: %7.1f FlowFiles/s, NiFi CPU ms/FlowFile: %.3f process, %.3f "
                        + "processor+GC threads; endpoint %s%n",
                label, variant, figures.flowFiles(), figures.seconds(), figures.perSecond(), figures.processCpuPerFlowFile(),
                figures.workCpuPerFlowFile(),
                calls ? String.format(Locale.ROOT, "%d calls, CPU %.3f ms/request, call p50 %.2f ms, p99 %.2f ms", figures.calls(),
                        figures.endpointCpuMillis() / figures.calls(), percentile(figures.callNanos(), 0.50), percentile(figures.callNanos(), 0.99))
                        : "not called");
    }

    /** Per variant, the round with the median throughput; then this bundle's ratios to InvokeHTTP. */
    private static void summarize(final Map<String, List<Figures>> results) {
        System.out.println("Median round per variant:");
        final Map<String, Figures> medians = new LinkedHashMap<>();
        for (final Map.Entry<String, List<Figures>> entry : results.entrySet()) {
            final List<Figures> sorted = new ArrayList<>(entry.getValue());
            sorted.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
            final Figures median = sorted.get(sorted.size() / 2);
            medians.put(entry.getKey(), median);
            print("median", entry.getKey(), median);
        }
        final Figures ours = medians.get("InvokeTencentOCR");
        final Figures invokeHttp = medians.get("InvokeHTTP");
        final Figures floor = medians.get("NiFi floor (ReplaceText)");
        System.out.printf(Locale.ROOT, "InvokeTencentOCR / InvokeHTTP: FlowFiles/s %.2fx, NiFi CPU per FlowFile %.2fx process, %.2fx "
                        + "processor+GC threads; InvokeTencentOCR / floor: %.2fx process, %.2fx processor+GC threads%n",
                ours.perSecond() / invokeHttp.perSecond(), ours.processCpuPerFlowFile() / invokeHttp.processCpuPerFlowFile(),
                ours.workCpuPerFlowFile() / invokeHttp.workCpuPerFlowFile(), ours.processCpuPerFlowFile() / floor.processCpuPerFlowFile(),
                ours.workCpuPerFlowFile() / floor.workCpuPerFlowFile());
    }

    private static double percentile(final long[] sorted, final double fraction) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }
}
