package dev.nifiocr.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.rig.ExampleFlows;
import dev.nifiocr.rig.NiFiRig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one-command demo (./demo.sh): starts NiFi 2.3.0 with this bundle and the local Tencent OCR emulator (or Tencent
 * itself when TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are set), imports the folder-to-text example flow from
 * templates/, points it at target/demo/, copies the files of samples/ into its input folder, waits for the text and
 * prints it. The emulator reads the images for real (RapidOCR), so the text is the samples' own words.
 * Ctrl-C stops NiFi and the emulator.
 */
public final class Demo {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    private Demo() {
    }

    public static void main(final String[] args) throws Exception {
        final boolean once = List.of(args).contains("--once");
        final Path repository = Path.of(System.getProperty("nifi.ocr.repository", ".")).toAbsolutePath().normalize();
        final Path demo = repository.resolve("target/demo");
        NiFiRig.deleteRecursively(demo);
        final ExampleFlows.Folders folders = new ExampleFlows.Folders(demo.resolve("in"), demo.resolve("text"), demo.resolve("errors"));
        Files.createDirectories(folders.input());

        final String secretId = System.getenv("TENCENTCLOUD_SECRET_ID");
        final String secretKey = System.getenv("TENCENTCLOUD_SECRET_KEY");
        final boolean realTencent = secretId != null && !secretId.isBlank() && secretKey != null && !secretKey.isBlank();
        final TencentOcrEmulator emulator = realTencent ? null : new TencentOcrEmulator("AKIDdemo000000000000000000000000000", "demo-secret-key", 0);
        final ExampleFlows.Tencent tencent = realTencent
                ? new ExampleFlows.Tencent(System.getenv().getOrDefault("TENCENTCLOUD_OCR_ENDPOINT", "ocr.tencentcloudapi.com"), secretId, secretKey)
                : new ExampleFlows.Tencent(emulator.endpoint(), "AKIDdemo000000000000000000000000000", "demo-secret-key");

        final int port = Integer.parseInt(System.getProperty("nifi.demo.port", "8080"));
        say("Starting NiFi 2.3.0 with nifi-ocr on port " + port + " (about 20 s)...");
        final NiFiRig nifi = NiFiRig.start(repository.resolve("nifi-ocr-integration-tests/target/nifi"), port, Duration.ofMinutes(3));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping NiFi" + (emulator == null ? "" : " and the emulator") + "...");
            nifi.close();
            if (emulator != null) {
                emulator.close();
            }
        }));
        say("Importing templates/" + ExampleFlows.FOLDER_TO_TEXT + " and starting it against "
                + (realTencent ? "Tencent Cloud OCR at " + tencent.endpoint() : "the local Tencent OCR emulator at " + tencent.endpoint()));
        ExampleFlows.start(nifi.client(), repository.resolve("templates"), folders, tencent);

        final List<Path> samples;
        try (Stream<Path> files = Files.list(repository.resolve("samples"))) {
            samples = files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (final Path sample : samples) {
            Files.copy(sample, folders.input().resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        say("Copied " + samples.size() + " files from samples/ to " + folders.input());

        final Instant deadline = Instant.now().plusSeconds(120);
        while (done(folders) < samples.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        printText(folders.text());
        list(folders.errors(), "errors");
        say(done(folders) + " of " + samples.size() + " files processed. The text is in " + folders.text()
                + " (one <name>.text.json per image: the recognised lines), failures in " + folders.errors()
                + " (the input and <name>.error.json); open them with any editor. NiFi UI: " + nifi.baseUrl()
                + " (the flow is the process group \"OCR Folder of Scans to Text\"; this NiFi, assembled from Maven Central,"
                + " has no content viewer, so read the text in those files).");
        // the queues are empty by now: provenance is where a new user sees what happened to each file
        say("To see what happened to one file: open the process group, right-click \"Recognize Text\" > View data provenance, "
                + "and open an event (the SEND event shows the Action and Tencent's RequestId; DROP/ROUTE events show where it went).");
        if (once) {
            System.exit(done(folders) == samples.size() ? 0 : 1);
        }
        say("Drop more images into " + folders.input() + "; press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    /** Inputs finished: a text file each, or an .error.json each among the errors. */
    private static long done(final ExampleFlows.Folders folders) throws IOException {
        return names(folders.text()).size() + names(folders.errors()).stream().filter(name -> name.endsWith(".error.json")).count();
    }

    /** Each text file with its lines: what Tencent (or the emulator's OCR engine) read in the sample. */
    private static void printText(final Path directory) throws IOException {
        for (final String name : names(directory)) {
            say("  " + directory.resolve(name) + ":");
            final JsonNode lines = OBJECT_MAPPER.readTree(directory.resolve(name).toFile());
            for (final JsonNode line : lines.isArray() ? lines : List.of(lines)) {
                say("      " + line.asText());
            }
        }
    }

    private static void list(final Path directory, final String label) throws IOException {
        for (final String name : names(directory)) {
            say("  " + label + ": " + directory.resolve(name));
        }
    }

    private static List<String> names(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void say(final String line) {
        System.out.println(line);
    }
}
