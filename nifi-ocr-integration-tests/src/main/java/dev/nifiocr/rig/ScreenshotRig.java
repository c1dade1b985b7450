package dev.nifiocr.rig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.emulator.TencentOcrEmulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The NiFi that tools/take_screenshots.sh photographs: the rig NiFi on a free loopback port with the folder-to-text
 * example flow imported and run on the samples against the emulator, so the canvas shows real counts. Prints one line
 * {@code READY <base URL> <group id> <InvokeTencentOCR id> <client service id>}, then runs until the file {@code <work>/stop} appears.
 *
 * <p>Arguments: the repository root, a work directory.
 */
public final class ScreenshotRig {

    private ScreenshotRig() {
    }

    public static void main(final String[] args) throws Exception {
        final Path repository = Path.of(args[0]).toAbsolutePath();
        final Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        final ExampleFlows.Folders folders = new ExampleFlows.Folders(Files.createDirectories(work.resolve("in")), work.resolve("text"), work.resolve("errors"));
        try (var samples = Files.list(repository.resolve("samples"))) {
            for (final Path sample : samples.toList()) {
                Files.copy(sample, folders.input().resolve(sample.getFileName()));
            }
        }
        final String secretId = "AKIDscreenshot0000000000000000000000";
        final String secretKey = "screenshot-secret-key";
        try (TencentOcrEmulator emulator = new TencentOcrEmulator(secretId, secretKey, 0);
             NiFiRig nifi = NiFiRig.start(repository.resolve("nifi-ocr-integration-tests/target/nifi"), NiFiRig.freePort(), Duration.ofMinutes(3))) {
            final NiFiRestClient rest = nifi.client();
            final String group = ExampleFlows.start(rest, repository.resolve("templates"), folders,
                    new ExampleFlows.Tencent(emulator.endpoint(), secretId, secretKey));
            String invoke = null;
            for (final JsonNode processor : rest.groupFlow(group).get("processors")) {
                if (processor.at("/component/type").asText().endsWith(".InvokeTencentOCR")) {
                    invoke = processor.get("id").asText();
                }
            }
            String service = null;
            for (final JsonNode candidate : rest.groupControllerServices(group)) {
                if (candidate.at("/component/type").asText().endsWith(".StandardTencentCloudClientService")) {
                    service = candidate.get("id").asText();
                }
            }
            System.out.println("READY " + nifi.baseUrl() + " " + group + " " + invoke + " " + service);
            final Path stop = work.resolve("stop");
            while (!Files.exists(stop)) {
                Thread.sleep(500);
            }
        }
        System.exit(0); // the REST client's pool threads would keep the JVM up
    }
}
