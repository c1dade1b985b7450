package dev.nifiocr.rig;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real NiFi 2.3.0, assembled by Maven from Maven Central into {@code target/nifi} (framework NARs and jars in lib/,
 * this bundle's NAR in extensions/), started without NiFi's bootstrap as {@code java -cp conf:lib/* org.apache.nifi.NiFi}
 * on a free loopback port, and stopped with its process tree even when a test fails.
 */
public final class NiFiRig implements AutoCloseable {

    static final List<String> CONF_FILES = List.of("nifi.properties", "authorizers.xml", "login-identity-providers.xml",
            "state-management.xml", "logback.xml");
    static final List<String> STATE_DIRECTORIES = List.of("conf", "work", "state", "database_repository", "flowfile_repository",
            "content_repository", "provenance_repository", "nar_repository", "assets", "logs");

    private final Path directory;
    private final int port;
    private final Process process;
    private final NiFiRestClient client;

    private NiFiRig(final Path directory, final int port, final Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
        this.client = new NiFiRestClient(baseUrl());
    }

    /** Starts a fresh NiFi (no flow, empty repositories) in the assembled directory and waits until the bundle is loaded. */
    public static NiFiRig start(final Path directory, final int port, final Duration timeout) throws IOException, InterruptedException {
        if (!Files.isDirectory(directory.resolve("lib")) || !Files.isDirectory(directory.resolve("extensions"))) {
            throw new IllegalStateException("No NiFi assembled in " + directory + ": run ./mvnw -B verify (or -pl nifi-ocr-integration-tests -am test-compile) first");
        }
        for (final String name : STATE_DIRECTORIES) {
            deleteRecursively(directory.resolve(name));
        }
        Files.createDirectories(directory.resolve("conf"));
        Files.createDirectories(directory.resolve("logs"));
        for (final String name : CONF_FILES) {
            Files.writeString(directory.resolve("conf").resolve(name), resource("/nifi-conf/" + name).replace("${http.port}", Integer.toString(port)));
        }
        final Process process = launch(directory, Map.of());
        final NiFiRig rig = new NiFiRig(directory, port, process);
        // NiFi must not outlive the JVM that started it, whatever ends that JVM
        Runtime.getRuntime().addShutdownHook(new Thread(rig::close));
        try {
            rig.awaitBundle(timeout);
        } catch (final IOException | InterruptedException | RuntimeException e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    /**
     * Starts {@code java org.apache.nifi.NiFi} in a prepared directory (conf/, logs/, lib/ and extensions/ in place) with
     * the JVM options NiFi's bootstrap would add, and its own management server port: the default 52020 clashes with any
     * other NiFi on the host.
     */
    static Process launch(final Path directory, final Map<String, String> environment) throws IOException {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder builder = new ProcessBuilder(java, "-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED", "-cp", "conf:lib/*", "-Dnifi.properties.file.path=conf/nifi.properties",
                "-Dorg.apache.nifi.management.server.address=127.0.0.1:" + freePort(), "-Djava.awt.headless=true", "org.apache.nifi.NiFi")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("logs/nifi-stdout.log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Stops a process and its children, forcibly when it does not stop within 30 s. */
    static void stop(final Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String resource(final String path) throws IOException {
        try (InputStream in = NiFiRig.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitBundle(final Duration timeout) throws IOException, InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("NiFi exited with " + process.exitValue() + "; see " + directory.resolve("logs"));
            }
            try {
                if (client.processorTypes().contains("dev.nifiocr.processors.InvokeTencentOCR")) {
                    return;
                }
                last = "NiFi answers, nifi-ocr bundle not loaded yet";
            } catch (final IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("NiFi not ready within " + timeout + " (" + last + "); see " + directory.resolve("logs"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/nifi";
    }

    /** The NiFi process id, for reading its CPU time or attaching jcmd. */
    public long pid() {
        return process.pid();
    }

    public NiFiRestClient client() {
        return client;
    }

    public Path directory() {
        return directory;
    }

    /** The application log, for assertions about what NiFi said while loading the bundle. */
    public String appLog() throws IOException {
        final Path log = directory.resolve("logs/nifi-app.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Deletes a file or directory tree; nothing when it does not exist. */
    public static void deleteRecursively(final Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (final Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
