package dev.nifiocr.benchmarks;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import dev.nifiocr.client.ClientSettings;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.service.api.TencentCredentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The clients the client benchmarks compare, this bundle's, the SDK's CommonClient and the {@link FloorClient}, all
 * pointed at one {@link LoopbackOcrServer} in its own process, so the server's work does not count against any client.
 */
final class ClientsUnderTest implements AutoCloseable {

    private static final String SECRET_ID = "AKIDbenchmark0000000000000000000000";
    private static final String SECRET_KEY = "benchmark-secret-key-000000000000";
    /** What our client signs with: the caller hands it one set per request, as the client service does. */
    static final TencentCredentials CREDENTIALS = new TencentCredentials(SECRET_ID, SECRET_KEY, null);

    private final Process server;
    private final TencentApiClient ours;
    private final CommonClient sdk;
    private final FloorClient floor;

    private ClientsUnderTest(final Process server, final TencentApiClient ours, final CommonClient sdk, final FloorClient floor) {
        this.server = server;
        this.ours = ours;
        this.sdk = sdk;
        this.floor = floor;
    }

    static ClientsUnderTest start() throws IOException {
        final Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                // without TCP_NODELAY the JDK server's two-part answers meet delayed ACKs and every call waits for them
                "-Dsun.net.httpserver.nodelay=true", LoopbackOcrServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final int port = Integer.parseInt(new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII)).readLine().trim());
        final TencentApiClient ours = new TencentApiClient(new ClientSettings(URI.create("http://127.0.0.1:" + port), "ap-guangzhou", null,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), null, null), Clock.systemUTC());
        final HttpProfile httpProfile = new HttpProfile();
        httpProfile.setProtocol(HttpProfile.REQ_HTTP);
        httpProfile.setEndpoint("127.0.0.1:" + port);
        httpProfile.setReadTimeout(30);
        final CommonClient sdk = new CommonClient("ocr", "2018-11-19", new Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou",
                new ClientProfile(ClientProfile.SIGN_TC3_256, httpProfile));
        return new ClientsUnderTest(server, ours, sdk, new FloorClient(port));
    }

    TencentApiClient ours() {
        return ours;
    }

    CommonClient sdk() {
        return sdk;
    }

    FloorClient floor() {
        return floor;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ours.close();
        floor.close();
        server.getOutputStream().close();
        server.waitFor(5, TimeUnit.SECONDS);
        server.destroy();
    }
}
