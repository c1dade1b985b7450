package dev.nifiocr.benchmarks;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import dev.nifiocr.client.ClientSettings;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.processors.InvalidRequestException;
import dev.nifiocr.processors.OcrAction;
import dev.nifiocr.processors.OcrRequestBuilder;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One GeneralBasicOCR call, from image bytes to a parsed answer, through this bundle's client and through the official
 * SDK's CommonClient, against the same loopback server in another process. Run with -prof gc for bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientBenchmark {

    private static final String SECRET_ID = "AKIDbenchmark0000000000000000000000";
    private static final String SECRET_KEY = "benchmark-secret-key-000000000000";

    @Param({"100000", "3000000"})
    public int imageBytes;

    private Process server;
    private byte[] image;
    private TencentApiClient ourClient;
    private CommonClient sdkClient;
    private OcrRequestBuilder.Parameters parameters;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                // without TCP_NODELAY the JDK server's two-part answers meet delayed ACKs and every call waits for them
                "-Dsun.net.httpserver.nodelay=true", LoopbackOcrServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final int port = Integer.parseInt(new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII)).readLine().trim());

        image = new byte[imageBytes];
        new Random(42).nextBytes(image);
        parameters = new OcrRequestBuilder.Parameters("GeneralBasicOCR", OcrAction.GeneralBasicOCR, null, Map.of());
        ourClient = new TencentApiClient(new ClientSettings(URI.create("http://127.0.0.1:" + port), "ap-guangzhou", null,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), 1_000_000, null, null),
                () -> new TencentCredentials(SECRET_ID, SECRET_KEY, null), Clock.systemUTC());

        final HttpProfile httpProfile = new HttpProfile();
        httpProfile.setProtocol(HttpProfile.REQ_HTTP);
        httpProfile.setEndpoint("127.0.0.1:" + port);
        httpProfile.setReadTimeout(30);
        sdkClient = new CommonClient("ocr", "2018-11-19", new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou",
                new ClientProfile(ClientProfile.SIGN_TC3_256, httpProfile));
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException, InterruptedException {
        ourClient.close();
        server.getOutputStream().close();
        server.waitFor(5, TimeUnit.SECONDS);
        server.destroy();
    }

    @Benchmark
    public String nifiOcrClient() throws InvalidRequestException, TencentApiException {
        final byte[] payload = OcrRequestBuilder.fromImage(parameters, image);
        final TencentApiResponse response = ourClient.invoke(new TencentApiRequest("GeneralBasicOCR", "2018-11-19", payload));
        if (!response.successful()) {
            throw new IllegalStateException(response.errorCode());
        }
        return response.requestId();
    }

    @Benchmark
    public String tencentSdkCommonClient() throws TencentCloudSDKException {
        final String request = "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(image) + "\"}";
        // CommonClient parses the answer itself and throws on Response.Error
        return sdkClient.call("GeneralBasicOCR", request);
    }
}
