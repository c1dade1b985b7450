package dev.nifiocr.throughput;

import dev.nifiocr.emulator.Latency;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Throughput at Tencent's latency, in a real NiFi 2.3.0 with its default thread pool (10 timer-driven threads shared by
 * every processor): the emulator answers after 1 s, or after 0.3-2 s drawn for each request; the client service limits
 * the account to 20 or 100 requests per second. InvokeTencentOCR with one concurrent task runs next to InvokeHTTP with
 * one task and with twenty, one after the other on the same NiFi and emulator; then SubmitTencentOCRJob and
 * GetTencentOCRJobStatus with one task each. For each it prints the calls per second that arrived at the emulator over
 * the measured window (after a warm-up), NiFi's threads busy with the processor (the activeThreadCount of its status,
 * sampled every 250 ms), NiFi's CPU per call (the threads that do the work, {@link ProcessCpu#WORK_THREADS}; and the
 * whole process less what it spends idle over as long, measured first with nothing running and the same sampling, which
 * at a few calls per second is mostly noise) and the most heap NiFi used. With {@code -Drounds=N} each variant runs N
 * times and the round with the median calls per second is shown; {@code -Dvariants=TEXT} runs only the variants whose
 * name holds the text.
 * <p>
 * {@code local} measures instead what NiFiThroughputBenchmark measures for InvokeTencentOCR alone (2 tasks, 50 KB
 * FlowFiles, a loopback endpoint that answers at once): NiFi's CPU per FlowFile, to compare a bundle before and after
 * a change (point {@code -Dnifi.rig.directory} at each build's rig); {@code -Djfr=FILE} records NiFi's JFR profile after
 * the warm-up round.
 * <p>
 * Not a test: CI never runs it. Linux only (/proc). Arguments: {@code [latency|local|all] [seconds per variant, default
 * 20 | FlowFiles per round, default 6000] [rounds, default 3]}.
 */
public final class NiFiLatencyBenchmark {

    private static final String SECRET_ID = "AKIDlatency000000000000000000000000";
    private static final String SECRET_KEY = "latency-secret-key";
    private static final String INVOKE = "dev.nifiocr.processors.InvokeTencentOCR";
    private static final String INVOKE_HTTP = "org.apache.nifi.processors.standard.InvokeHTTP";
    private static final String GENERATE = "org.apache.nifi.processors.standard.GenerateFlowFile";
    private static final String SUBMIT = "SubmitExtractDocAgentJob";
    private static final String DESCRIBE = "DescribeExtractDocAgentJob";
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SAMPLE = Duration.ofMillis(250);

    /**
     * One processor under test.
     *
     * @param action the Action whose arrivals count, or null for requests without one (InvokeHTTP's)
     * @param rate the calls per second it is expected to reach at most: what its queue is filled for
     */
    private record Variant(String name, Connectable processor, Connectable generator, String queue, String action, int tasks, String window,
                           String limit, double rate) {
    }

    /** What one variant did over the measured window. */
    private record Figures(int calls, double seconds, double busyThreads, double processCpuMillis, double workCpuMillis, long heapBytes,
                           long queuedAtEnd) {
        double perSecond() {
            return calls / seconds;
        }
    }

    private NiFiLatencyBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final String mode = args.length > 0 ? args[0] : "all";
        final Path directory = Path.of(System.getProperty("nifi.rig.directory", "nifi-ocr-integration-tests/target/nifi"));
        try (NiFiRig nifi = NiFiRig.start(directory, NiFiRig.freePort(), Duration.ofMinutes(3))) {
            if (!mode.equals("local")) {
                latency(nifi, args.length > 1 && !mode.equals("all") ? Integer.parseInt(args[1]) : 20);
            }
            if (!mode.equals("latency")) {
                local(nifi, args.length > 1 && mode.equals("local") ? Integer.parseInt(args[1]) : 6000,
                        args.length > 2 && mode.equals("local") ? Integer.parseInt(args[2]) : 3);
            }
        }
    }

    private static void latency(final NiFiRig nifi, final int seconds) throws Exception {
        final NiFiRestClient rest = nifi.client();
        final String root = rest.rootGroupId();
        try (TencentOcrEmulator emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0)) {
            emulator.exampleAnswersOnly(true);
            emulator.asyncJobs().concurrentJobLimit(Integer.MAX_VALUE);
            final String twenty = service(rest, root, "Tencent 20/s", emulator.endpoint(), 20);
            final String hundred = service(rest, root, "Tencent 100/s", emulator.endpoint(), 100);
            int row = 0;
            final Variant invoke20 = invoke(rest, root, row++, twenty, "40", "20/s", 20);
            // one task keeps limit x slowest answer in flight: 100/s x 2 s
            final Variant invoke100 = invoke(rest, root, row++, hundred, "200", "100/s", 100);
            final Variant http1 = invokeHttp(rest, root, row++, emulator.endpoint(), 1);
            final Variant http20 = invokeHttp(rest, root, row++, emulator.endpoint(), 20);
            final Connectable submitGenerator = generator(rest, root, row);
            final Connectable submit = rest.createProcessor(root, "dev.nifiocr.processors.SubmitTencentOCRJob", "SubmitTencentOCRJob",
                    Map.of("Tencent Cloud Client Service", twenty), List.of("retry", "failure"), 400, row * 200);
            final Connectable status = rest.createProcessor(root, "dev.nifiocr.processors.GetTencentOCRJobStatus", "GetTencentOCRJobStatus",
                    Map.of("Tencent Cloud Client Service", twenty), List.of("success", "retry", "failure"), 800, row * 200);
            final String submitQueue = rest.connect(submitGenerator, submit, List.of("success"));
            final String jobs = rest.connect(submit, status, List.of("success"));
            rest.connect(status, status, List.of("running"));
            final Variant submits = new Variant("SubmitTencentOCRJob", submit, submitGenerator, submitQueue, SUBMIT, 1, "40", "20/s", 20);
            final Variant polls = new Variant("GetTencentOCRJobStatus", status, null, jobs, DESCRIBE, 1, "40", "20/s", 20);

            final Duration window = Duration.ofSeconds(seconds);
            final double idleMillisPerSecond = idle(rest, nifi.pid(), invoke20, window);
            final int rounds = Integer.getInteger("rounds", 1);
            final String only = System.getProperty("variants", "");
            System.out.printf(Locale.ROOT, "NiFi 2.3.0 pid %d, %d timer-driven threads; emulator %s; 20 KB FlowFiles; %d s measured per variant "
                    + "after %d s of warm-up, %d round(s); NiFi idle: %.1f ms CPU per second%n", nifi.pid(), rest.maxTimerDrivenThreads(),
                    emulator.endpoint(), seconds, WARM_UP.toSeconds(), rounds, idleMillisPerSecond);
            final List<String> table = new ArrayList<>();
            for (final Latency latency : List.of(Latency.fixed(Duration.ofSeconds(1)), Latency.parse("0.3-2s"))) {
                emulator.latency(latency);
                final List<Variant> variants = new ArrayList<>(List.of(invoke20, invoke100, http1, http20));
                if (latency.min().equals(latency.max())) {
                    variants.addAll(List.of(submits, polls));
                }
                for (final Variant variant : variants) {
                    if (!(variant.name() + " " + variant.limit() + " " + variant.tasks()).contains(only)) {
                        continue;
                    }
                    final List<Figures> results = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        results.add(measure(rest, nifi.pid(), emulator, variant, window));
                        System.out.println("  round " + (round + 1) + ": " + row(latency, variant, results.getLast(), idleMillisPerSecond));
                    }
                    results.sort(Comparator.comparingDouble(Figures::perSecond));
                    table.add(row(latency, variant, results.get(results.size() / 2), idleMillisPerSecond));
                    System.out.println(table.getLast());
                }
            }
            System.out.println();
                System.out.println("| Latency | Account limit | Processor | Concurrent Tasks | Maximum Calls in Flight | Calls/s | x limit | NiFi threads busy "
                    + "(avg) | NiFi CPU per call: work threads / process above idle | Heap (max) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            table.forEach(System.out::println);
            System.out.println("Bulletins: " + rest.bulletins());
        }
    }

    private static String service(final NiFiRestClient rest, final String root, final String name, final String endpoint, final int limit)
            throws IOException, InterruptedException {
        final String service = rest.createControllerService(root, "dev.nifiocr.service.StandardTencentCloudClientService", name,
                Map.of("Secret ID", SECRET_ID, "Secret Key", SECRET_KEY, "Endpoint", endpoint, "Rate Limit per Account", Integer.toString(limit)));
        rest.enableControllerService(service, Duration.ofSeconds(30));
        return service;
    }

    private static Connectable generator(final NiFiRestClient rest, final String root, final int row) throws IOException {
        return rest.createProcessor(root, GENERATE, "20 KB FlowFiles", Map.of("File Size", "20 KB", "Batch Size", "100", "Data Format", "Binary",
                "Unique FlowFiles", "false"), List.of(), 0, row * 200);
    }

    private static Variant invoke(final NiFiRestClient rest, final String root, final int row, final String service, final String window,
                                  final String limit, final double rate) throws IOException {
        final Connectable generator = generator(rest, root, row);
        final Connectable processor = rest.createProcessor(root, INVOKE, "InvokeTencentOCR " + limit, Map.of("Tencent Cloud Client Service", service,
                "OCR Action", "GeneralBasicOCR", "Maximum Calls in Flight", window), List.of("success", "failure", "retry", "original"), 400, row * 200);
        final int tasks = Integer.getInteger("invoke.tasks", 1);
        rest.setConcurrentTasks(processor.id(), tasks);
        return new Variant("InvokeTencentOCR", processor, generator, rest.connect(generator, processor, List.of("success")), "GeneralBasicOCR", tasks,
                window, limit, rate);
    }

    private static Variant invokeHttp(final NiFiRestClient rest, final String root, final int row, final String endpoint, final int tasks)
            throws IOException {
        final Connectable generator = generator(rest, root, row);
        final Connectable processor = rest.createProcessor(root, INVOKE_HTTP, "InvokeHTTP " + tasks, Map.of("HTTP Method", "POST", "HTTP URL",
                endpoint + "/"), List.of("Original", "Response", "Retry", "No Retry", "Failure"), 400, row * 200);
        rest.setConcurrentTasks(processor.id(), tasks);
        return new Variant("InvokeHTTP", processor, generator, rest.connect(generator, processor, List.of("success")), null, tasks, "-", "none",
                Math.min(tasks, 10) / 0.3);
    }

    private static Figures measure(final NiFiRestClient rest, final long pid, final TencentOcrEmulator emulator, final Variant variant,
                                   final Duration window) throws IOException, InterruptedException {
        final long needed = (long) Math.ceil(variant.rate() * (WARM_UP.toSeconds() + window.toSeconds()) * 1.2) + 100;
        if (variant.generator() != null) {
            rest.setProcessorState(variant.generator().id(), "RUNNING");
            while (rest.queuedCount(variant.queue()) < needed) {
                Thread.sleep(100);
            }
            rest.setProcessorState(variant.generator().id(), "STOPPED");
        }
        rest.setProcessorState(variant.processor().id(), "RUNNING");
        Thread.sleep(WARM_UP.toMillis());
        final long started = System.nanoTime();
        final long processBefore = ProcessCpu.processNanos(pid);
        final Map<String, Long> workBefore = ProcessCpu.threads(pid, ProcessCpu.WORK_THREADS);
        long threads = 0;
        int samples = 0;
        long heap = 0;
        while (System.nanoTime() - started < window.toNanos()) {
            Thread.sleep(SAMPLE.toMillis());
            threads += rest.activeThreads(variant.processor().id());
            heap = Math.max(heap, rest.usedHeapBytes());
            samples++;
        }
        final long ended = System.nanoTime();
        final long processAfter = ProcessCpu.processNanos(pid);
        final long work = ProcessCpu.spentBetween(workBefore, ProcessCpu.threads(pid, ProcessCpu.WORK_THREADS));
        final long queued = rest.queuedCount(variant.queue());
        // the calls in flight end before the next variant starts
        rest.stopProcessor(variant.processor().id(), Duration.ofMinutes(2));
        final int calls = (int) emulator.arrivals().stream()
                .filter(arrival -> arrival.nanos() >= started && arrival.nanos() < ended && Objects.equals(arrival.action(), variant.action())).count();
        return new Figures(calls, (ended - started) / 1e9, (double) threads / samples, (processAfter - processBefore) / 1e6, work / 1e6, heap, queued);
    }

    /** NiFi's CPU per second with nothing running, sampled as a variant is: what a variant's CPU is counted above. */
    private static double idle(final NiFiRestClient rest, final long pid, final Variant sampled, final Duration window)
            throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final long before = ProcessCpu.processNanos(pid);
        while (System.nanoTime() - started < window.toNanos()) {
            Thread.sleep(SAMPLE.toMillis());
            rest.activeThreads(sampled.processor().id());
            rest.usedHeapBytes();
        }
        return (ProcessCpu.processNanos(pid) - before) / 1e6 / ((System.nanoTime() - started) / 1e9);
    }

    private static String row(final Latency latency, final Variant variant, final Figures figures, final double idleMillisPerSecond) {
        final String limit = variant.limit();
        final String ratio = limit.endsWith("/s") ? String.format(Locale.ROOT, "%.2f", figures.perSecond() / Double.parseDouble(limit.replace("/s", "")))
                : "-";
        final double calls = Math.max(1, figures.calls());
        final double processPerCall = (figures.processCpuMillis() - idleMillisPerSecond * figures.seconds()) / calls;
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %.1f | %s | %.2f | %.2f / %.2f ms | %d MB |%s", latency, limit, variant.name(),
                variant.tasks(), variant.window(), figures.perSecond(), ratio, figures.busyThreads(), figures.workCpuMillis() / calls, processPerCall,
                figures.heapBytes() / (1024 * 1024), figures.queuedAtEnd() == 0 ? " (queue ran empty: a lower bound)" : "");
    }

    /** CPU per FlowFile by thread name (pool threads added up), the busiest first: where a round's CPU went. */
    private static void printThreads(final Map<String, Long> before, final Map<String, Long> after, final long flowFiles) {
        final Map<String, Long> byName = new HashMap<>();
        after.forEach((thread, cpu) -> byName.merge(thread.substring(0, thread.lastIndexOf(' ')), cpu - before.getOrDefault(thread, 0L), Long::sum));
        byName.entrySet().stream().filter(entry -> entry.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(entry -> System.out.printf(Locale.ROOT, "  %-20s %.3f ms per FlowFile%n", entry.getKey(), entry.getValue() / 1e6 / flowFiles));
    }

    /** CPU per FlowFile at a local endpoint that answers at once, as NiFiThroughputBenchmark runs InvokeTencentOCR. */
    private static void local(final NiFiRig nifi, final int flowFiles, final int rounds) throws Exception {
        final NiFiRestClient rest = nifi.client();
        final String root = rest.rootGroupId();
        final byte[] answer;
        try (InputStream in = NiFiLatencyBenchmark.class.getResourceAsStream("/fixtures/GeneralBasicOCR-1.json")) {
            answer = in.readAllBytes();
        }
        try (ImmediateEndpoint endpoint = new ImmediateEndpoint(answer, 1_000_000)) {
            final String service = rest.createControllerService(root, "dev.nifiocr.service.StandardTencentCloudClientService", "Tencent local",
                    Map.of("Secret ID", SECRET_ID, "Secret Key", SECRET_KEY, "Endpoint", endpoint.url(), "Rate Limit per Account", "10000",
                            "Read Timeout", "5 secs"));
            rest.enableControllerService(service, Duration.ofSeconds(30));
            final Connectable generator = rest.createProcessor(root, GENERATE, "50 KB FlowFiles", Map.of("File Size", "50 KB", "Batch Size", "100",
                    "Data Format", "Binary", "Unique FlowFiles", "false"), List.of(), 0, 2000);
            final Connectable invoke = rest.createProcessor(root, INVOKE, "InvokeTencentOCR local", Map.of("Tencent Cloud Client Service", service,
                    "OCR Action", "GeneralBasicOCR"), List.of("success", "failure", "retry", "original"), 400, 2000);
            rest.setConcurrentTasks(invoke.id(), 2);
            final String queue = rest.connect(generator, invoke, List.of("success"));
            System.out.printf(Locale.ROOT, "Local endpoint %s, rig %s: InvokeTencentOCR, 2 concurrent tasks, 50 KB FlowFiles, %d per round, %d rounds "
                    + "after a warm-up round%n", endpoint.url(), nifi.directory(), flowFiles, rounds);
            final List<double[]> results = new ArrayList<>();
            final String jfr = System.getProperty("jfr");
            // round 0 warms up: the JIT compiles the call path (both paths need more than 2,000 FlowFiles here)
            for (int round = 0; round <= rounds; round++) {
                if (round == 1 && jfr != null) {
                    NiFiThroughputBenchmark.jcmd(nifi.pid(), "JFR.start", "name=local", "settings=profile");
                }
                rest.setProcessorState(generator.id(), "RUNNING");
                while (rest.queuedCount(queue) < flowFiles) {
                    Thread.sleep(50);
                }
                rest.setProcessorState(generator.id(), "STOPPED");
                Thread.sleep(1000);
                final long queued = rest.queuedCount(queue);
                final long processBefore = ProcessCpu.processNanos(nifi.pid());
                final Map<String, Long> workBefore = ProcessCpu.threads(nifi.pid(), ProcessCpu.WORK_THREADS);
                final Map<String, Long> allBefore = ProcessCpu.byName(nifi.pid());
                final long started = System.nanoTime();
                rest.setProcessorState(invoke.id(), "RUNNING");
                while (rest.queuedCount(queue) > 0) {
                    Thread.sleep(50);
                }
                final double seconds = (System.nanoTime() - started) / 1e9;
                // the last calls may still be in flight when the queue is empty: their CPU counts too
                rest.stopProcessor(invoke.id(), Duration.ofMinutes(2));
                final double process = (ProcessCpu.processNanos(nifi.pid()) - processBefore) / 1e6 / queued;
                final double work = ProcessCpu.spentBetween(workBefore, ProcessCpu.threads(nifi.pid(), ProcessCpu.WORK_THREADS)) / 1e6 / queued;
                if (round == rounds && Boolean.getBoolean("threads")) {
                    printThreads(allBefore, ProcessCpu.byName(nifi.pid()), queued);
                }
                if (round > 0) {
                    results.add(new double[] {queued / seconds, process, work});
                    System.out.printf(Locale.ROOT, "round %d: %d FlowFiles, %.1f FlowFiles/s, NiFi CPU per FlowFile %.3f ms process, %.3f ms work threads%n",
                            round, queued, queued / seconds, process, work);
                }
            }
            if (jfr != null) {
                NiFiThroughputBenchmark.jcmd(nifi.pid(), "JFR.stop", "name=local", "filename=" + Path.of(jfr).toAbsolutePath());
            }
            results.sort(Comparator.comparingDouble(result -> result[1]));
            final double[] median = results.get(results.size() / 2);
            System.out.printf(Locale.ROOT, "median by process CPU: %.1f FlowFiles/s, NiFi CPU per FlowFile %.3f ms process, %.3f ms work threads%n",
                    median[0], median[1], median[2]);
            final Map<String, Long> counters = new HashMap<>(rest.counters());
            System.out.println("Requests Sent " + counters.get("GeneralBasicOCR Requests Sent") + "; bulletins: " + rest.bulletins());
        }
    }
}
