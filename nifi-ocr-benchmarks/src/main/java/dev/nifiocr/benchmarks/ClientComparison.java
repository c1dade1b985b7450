package dev.nifiocr.benchmarks;

import com.tencentcloudapi.common.CommonClient;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.processors.OcrAction;
import dev.nifiocr.processors.OcrRequestBuilder;
import dev.nifiocr.service.api.TencentApiRequest;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The ClientBenchmark call (image bytes to parsed answer) for this bundle's client and the SDK's CommonClient,
 * interleaved in one JVM against one loopback server process, so both see the same machine state; prints the median
 * time per call of each and their ratio. Run: java -cp benchmarks.jar dev.nifiocr.benchmarks.ClientComparison [bytes] [rounds]
 */
public final class ClientComparison {

    private static final int CALLS_PER_ROUND = 20;

    private ClientComparison() {
    }

    public static void main(final String[] args) throws Exception {
        final int imageBytes = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        try (ClientsUnderTest clients = ClientsUnderTest.start()) {
            final byte[] image = new byte[imageBytes];
            new Random(42).nextBytes(image);
            final OcrRequestBuilder.Parameters parameters = new OcrRequestBuilder.Parameters("GeneralBasicOCR", OcrAction.GeneralBasicOCR, null, Map.of());
            final TencentApiClient ours = clients.ours();
            final CommonClient sdk = clients.sdk();

            final double[] oursMillis = new double[rounds];
            final double[] sdkMillis = new double[rounds];
            for (int round = -3; round < rounds; round++) {
                final long started = System.nanoTime();
                for (int call = 0; call < CALLS_PER_ROUND; call++) {
                    ours.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", OcrRequestBuilder.fromImage(parameters, image)));
                }
                final long middle = System.nanoTime();
                for (int call = 0; call < CALLS_PER_ROUND; call++) {
                    sdk.call("GeneralBasicOCR", "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(image) + "\"}");
                }
                final long ended = System.nanoTime();
                if (round >= 0) {
                    oursMillis[round] = (middle - started) / 1e6 / CALLS_PER_ROUND;
                    sdkMillis[round] = (ended - middle) / 1e6 / CALLS_PER_ROUND;
                }
            }
            final double oursMedian = median(oursMillis);
            final double sdkMedian = median(sdkMillis);
            System.out.printf(Locale.ROOT, "%,d-byte image, %d rounds of %d calls each (3 warm-up rounds): nifi-ocr %.1f ms/call, SDK CommonClient %.1f ms/call, "
                    + "time ratio %.2f%n", imageBytes, rounds, CALLS_PER_ROUND, oursMedian, sdkMedian, oursMedian / sdkMedian);
        }
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
