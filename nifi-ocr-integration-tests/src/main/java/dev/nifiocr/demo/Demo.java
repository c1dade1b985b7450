package dev.nifiocr.demo;

import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
import dev.nifiocr.rig.SiteToSite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one-command demo (./demo.sh): starts NiFi 2.3.0 with this bundle and the local Tencent OCR emulator (or Tencent
 * itself when TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are set), builds the folder-to-text flow wired for this
 * NiFi (site-to-site ports in place of ListFile/PutFile, which this NiFi lacks), imports the full example flow next to
 * it for a look in the UI, OCRs the images in samples/ and writes the answers to target/demo/. Ctrl-C stops everything.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(final String[] args) throws Exception {
        final boolean once = List.of(args).contains("--once");
        final Path repository = Path.of(System.getProperty("nifi.ocr.repository", ".")).toAbsolutePath().normalize();
        final Path output = repository.resolve("target/demo");
        final String secretId = System.getenv("TENCENTCLOUD_SECRET_ID");
        final String secretKey = System.getenv("TENCENTCLOUD_SECRET_KEY");
        final boolean realTencent = secretId != null && !secretId.isBlank() && secretKey != null && !secretKey.isBlank();

        final TencentOcrEmulator emulator = realTencent ? null : new TencentOcrEmulator("AKIDdemo000000000000000000000000000", "demo-secret-key", 0);
        final int port = Integer.parseInt(System.getProperty("nifi.demo.port", "8080"));
        say("Starting NiFi 2.3.0 on port " + port + " (about 20 s)...");
        final NiFiRig nifi = NiFiRig.start(repository.resolve("nifi-ocr-integration-tests/target/nifi"), port, Duration.ofMinutes(3));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping NiFi" + (emulator == null ? "" : " and the emulator") + "...");
            nifi.close();
            if (emulator != null) {
                emulator.close();
            }
        }));

        final NiFiRestClient rest = nifi.client();
        final String root = rest.rootGroupId();
        final Map<String, String> service = new HashMap<>();
        service.put("Secret ID", realTencent ? secretId : "AKIDdemo000000000000000000000000000");
        service.put("Secret Key", realTencent ? secretKey : "demo-secret-key");
        service.put("Endpoint", realTencent ? System.getenv().getOrDefault("TENCENTCLOUD_OCR_ENDPOINT", "ocr.tencentcloudapi.com") : emulator.endpoint());
        service.put("Rate Limit per Node", "5");
        final String serviceId = rest.createControllerService(root, "dev.nifiocr.service.StandardTencentCloudClientService", "Tencent Cloud", service);
        rest.enableControllerService(serviceId, Duration.ofSeconds(30));

        final Connectable scans = rest.createPort(root, true, "scans", 0, 0);
        final Connectable text = rest.createPort(root, false, "text", 0, 600);
        final Connectable errors = rest.createPort(root, false, "errors", 500, 600);
        final Connectable compress = rest.createProcessor(root, "dev.nifiocr.processors.CompressImage", "Fit Image to Tencent Limits", Map.of(), List.of(), 0, 150);
        final Connectable invoke = rest.createProcessor(root, "dev.nifiocr.processors.InvokeTencentOCR", "Recognize Text",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "GeneralAccurateOCR"), List.of("original"), 0, 350);
        rest.connect(scans, compress, List.of());
        rest.connect(compress, invoke, List.of("success"));
        rest.connect(compress, errors, List.of("failure"));
        rest.connect(invoke, text, List.of("success"));
        rest.connect(invoke, invoke, List.of("retry"));
        rest.connect(invoke, errors, List.of("failure"));
        final Path template = repository.resolve("templates/ocr-folder-to-text.json");
        if (Files.exists(template)) {
            rest.uploadFlowDefinition(root, "Example flow: OCR Folder of Scans to Text (needs NiFi's standard processors)", template);
        }
        rest.setGroupState(root, "RUNNING");

        final List<Path> samples;
        try (Stream<Path> files = Files.list(repository.resolve("samples"))) {
            samples = files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        final List<byte[]> contents = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (final Path sample : samples) {
            contents.add(Files.readAllBytes(sample));
            attributes.add(Map.of("filename", sample.getFileName().toString()));
        }
        say("Sending " + samples.size() + " files from samples/ to NiFi (" + (realTencent ? "Tencent Cloud OCR" : "the local emulator at " + emulator.endpoint()) + ")");
        SiteToSite.send(nifi.baseUrl(), scans.id(), contents, attributes);

        Files.createDirectories(output.resolve("text"));
        Files.createDirectories(output.resolve("errors"));
        int received = 0;
        final Instant deadline = Instant.now().plusSeconds(120);
        while (received < samples.size() && Instant.now().isBefore(deadline)) {
            received += write(SiteToSite.receive(nifi.baseUrl(), text.id()), output.resolve("text"), ".json");
            received += write(SiteToSite.receive(nifi.baseUrl(), errors.id()), output.resolve("errors"), ".error");
            Thread.sleep(500);
        }
        say(received + " of " + samples.size() + " results in " + output + " (text/ for answers, errors/ for refused files)");
        say("NiFi UI: " + nifi.baseUrl() + "  (flow on the root canvas; the full example flow is in the process group beside it)");
        if (once) {
            System.exit(received == samples.size() ? 0 : 1);
        }
        say("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    private static int write(final List<SiteToSite.Received> flowFiles, final Path directory, final String suffix) throws IOException {
        for (final SiteToSite.Received flowFile : flowFiles) {
            final String name = flowFile.attributes().getOrDefault("filename", flowFile.attributes().get("uuid"));
            final String reason = flowFile.attributes().get("tencent.ocr.error.code");
            final byte[] content = reason == null ? flowFile.content()
                    : (reason + ": " + flowFile.attributes().get("tencent.ocr.error.message") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Files.write(directory.resolve(name + suffix), content);
            say("  " + name + (reason == null ? " -> text/" + name + suffix : " -> errors/ (" + reason + ")"));
        }
        return flowFiles.size();
    }

    private static void say(final String line) {
        System.out.println(line);
    }
}
