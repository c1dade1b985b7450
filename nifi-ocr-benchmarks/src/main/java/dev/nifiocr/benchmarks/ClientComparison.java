package dev.nifiocr.benchmarks;

import com.tencentcloudapi.common.CommonClient;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.OcrRequestBuilder;
import dev.nifiocr.service.api.TencentApiRequest;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The ClientBenchmark call (image bytes to answer) through this bundle's client, the SDK's CommonClient and the floor
 * ({@link FloorClient}), interleaved round by round in one JVM against one loopback server process, so all three see
 * the same machine state. Per call it measures the calling thread's CPU time (all three do their I/O on it), the bytes
 * it allocated and the wall time, and prints the medians over rounds and the ratios ours/SDK and ours/floor.
 * Run: java -cp benchmarks.jar dev.nifiocr.benchmarks.ClientComparison [image bytes, comma-separated] [rounds]
 */
public final class ClientComparison {

    private static final int CALLS_PER_ROUND = 20;
    private static final int WARM_UP_ROUNDS = 5;
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private interface Call {
        void run(byte[] image) throws Exception;
    }

    /** Medians over rounds of one client's per-call figures. */
    private record Figures(double cpuMillis, double wallMillis, double allocatedBytes) {
    }

    private ClientComparison() {
    }

    public static void main(final String[] args) throws Exception {
        final int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100000,1000000,3000000").split(",")).mapToInt(Integer::parseInt).toArray();
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        try (ClientsUnderTest clients = ClientsUnderTest.start()) {
            final OcrRequestBuilder.Parameters parameters = new OcrRequestBuilder.Parameters("GeneralBasicOCR", OcrAction.GeneralBasicOCR, null, Map.of());
            final TencentApiClient ours = clients.ours();
            final CommonClient sdk = clients.sdk();
            final Call[] calls = {
                image -> {
                    if (!ours.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", OcrRequestBuilder.fromImage(parameters, image)),
                            ClientsUnderTest.CREDENTIALS).successful()) {
                        throw new IllegalStateException("nifi-ocr call failed");
                    }
                },
                image -> sdk.call("GeneralBasicOCR", "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(image) + "\"}"),
                image -> clients.floor().call(image)
            };
            System.out.printf(Locale.ROOT, "%d rounds of %d calls per client and size, interleaved, after %d warm-up rounds; medians per call%n",
                    rounds, CALLS_PER_ROUND, WARM_UP_ROUNDS);
            for (final int size : sizes) {
                final byte[] image = new byte[size];
                new Random(42).nextBytes(image);
                final Figures[] figures = measure(calls, image, rounds);
                final Figures o = figures[0];
                final Figures s = figures[1];
                final Figures f = figures[2];
                System.out.printf(Locale.ROOT, "%,10d-byte image | CPU ms: nifi-ocr %.2f, SDK %.2f, floor %.2f | ours/SDK %.2f, ours/floor %.2f"
                                + " | allocated: nifi-ocr %.2fx the image, SDK %.2fx, floor %.2fx | wall ms: nifi-ocr %.2f, SDK %.2f, floor %.2f%n",
                        size, o.cpuMillis(), s.cpuMillis(), f.cpuMillis(), o.cpuMillis() / s.cpuMillis(), o.cpuMillis() / f.cpuMillis(),
                        o.allocatedBytes() / size, s.allocatedBytes() / size, f.allocatedBytes() / size, o.wallMillis(), s.wallMillis(), f.wallMillis());
            }
        }
    }

    private static Figures[] measure(final Call[] calls, final byte[] image, final int rounds) throws Exception {
        final double[][] cpu = new double[calls.length][rounds];
        final double[][] wall = new double[calls.length][rounds];
        final double[][] allocated = new double[calls.length][rounds];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            for (int client = 0; client < calls.length; client++) {
                final long cpuBefore = THREADS.getCurrentThreadCpuTime();
                final long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                final long started = System.nanoTime();
                for (int call = 0; call < CALLS_PER_ROUND; call++) {
                    calls[client].run(image);
                }
                final long ended = System.nanoTime();
                if (round >= 0) {
                    cpu[client][round] = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e6 / CALLS_PER_ROUND;
                    allocated[client][round] = (double) (THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) / CALLS_PER_ROUND;
                    wall[client][round] = (ended - started) / 1e6 / CALLS_PER_ROUND;
                }
            }
        }
        final Figures[] figures = new Figures[calls.length];
        for (int client = 0; client < calls.length; client++) {
            figures[client] = new Figures(median(cpu[client]), median(wall[client]), median(allocated[client]));
        }
        return figures;
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
