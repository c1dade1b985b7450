package dev.nifiocr.benchmarks;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import dev.nifiocr.request.InvalidRequestException;
import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.OcrRequestBuilder;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One GeneralBasicOCR call, from image bytes to a parsed answer, through this bundle's client and through the official
 * SDK's CommonClient, and the floor (FloorClient: Base64, one SHA-256 pass, one socket write), against the same loopback
 * server in another process. Run with -prof gc for bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientBenchmark {

    @Param({"100000", "1000000", "3000000"})
    public int imageBytes;

    private ClientsUnderTest clients;
    private byte[] image;
    private OcrRequestBuilder.Parameters parameters;

    @Setup(Level.Trial)
    public void start() throws IOException {
        clients = ClientsUnderTest.start();
        image = new byte[imageBytes];
        new Random(42).nextBytes(image);
        parameters = new OcrRequestBuilder.Parameters("GeneralBasicOCR", OcrAction.GeneralBasicOCR, null, Map.of());
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException {
        clients.close();
    }

    @Benchmark
    public String nifiOcrClient() throws InvalidRequestException, TencentApiException {
        final byte[] payload = OcrRequestBuilder.fromImage(parameters, image);
        final TencentApiResponse response = clients.ours().invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", payload), ClientsUnderTest.CREDENTIALS);
        if (!response.successful()) {
            throw new IllegalStateException(response.errorCode());
        }
        return response.requestId();
    }

    @Benchmark
    public int floor() throws IOException, NoSuchAlgorithmException {
        return clients.floor().call(image);
    }

    @Benchmark
    public String tencentSdkCommonClient() throws TencentCloudSDKException {
        final String request = "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(image) + "\"}";
        // CommonClient parses the answer itself and throws on Response.Error
        return clients.sdk().call("GeneralBasicOCR", request);
    }
}
