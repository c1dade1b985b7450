package dev.nifiocr.rig;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real NiFi 2.3.0, assembled by Maven from Maven Central into {@code target/nifi} (framework NARs and jars in lib/,
 * this bundle's NAR in extensions/), started without NiFi's bootstrap as {@code java -cp conf:lib/* org.apache.nifi.NiFi}
 * on a free loopback port, and stopped with its process tree even when a test fails. {@link #restart} stops it as an
 * operator does and starts it again on the same directory and port, with its flow and repositories.
 */
public final class NiFiRig implements AutoCloseable {

    static final List<String> CONF_FILES = List.of("nifi.properties", "authorizers.xml", "login-identity-providers.xml",
            "state-management.xml", "logback.xml");
    /** nifi.flowservice.writedelay.interval in the rig's nifi.properties. */
    static final long FLOW_WRITE_DELAY_MILLIS = 500;
    static final List<String> STATE_DIRECTORIES = List.of("conf", "work", "state", "database_repository", "flowfile_repository",
            "content_repository", "provenance_repository", "nar_repository", "assets", "logs");

    private final Path directory;
    private final int port;
    private final NiFiRestClient client;
    private volatile Process process;
    // where nifi-app.log stood when the running process was launched: NiFi appends to it across restarts
    private volatile long logMark;

    private NiFiRig(final Path directory, final int port) {
        this.directory = directory;
        this.port = port;
        this.client = new NiFiRestClient(baseUrl());
    }

    /**
     * Logs at DEBUG every rate permit the client services grant ("Rate permit for [Action] under the ... limit: slot ...",
     * read by the tests' GrantedPermits): the limiters' own decisions, without the latency a call then takes to the wire.
     */
    private static final String PERMIT_LOGGER = "<logger name=\"dev.nifiocr.service.StandardTencentCloudClientService\" level=\"DEBUG\"/>";

    /** Starts a fresh NiFi (no flow, empty repositories) in the assembled directory and waits until the bundle is loaded. */
    public static NiFiRig start(final Path directory, final int port, final Duration timeout) throws IOException, InterruptedException {
        return start(directory, port, timeout, false);
    }

    /** As {@link #start(Path, int, Duration)}, with every rate permit the client services grant in nifi-app.log when asked. */
    public static NiFiRig start(final Path directory, final int port, final Duration timeout, final boolean logPermits)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(directory.resolve("lib")) || !Files.isDirectory(directory.resolve("extensions"))) {
            throw new IllegalStateException("No NiFi assembled in " + directory + ": run ./mvnw -B verify (or -pl nifi-ocr-integration-tests -am test-compile) first");
        }
        for (final String name : STATE_DIRECTORIES) {
            deleteRecursively(directory.resolve(name));
        }
        Files.createDirectories(directory.resolve("conf"));
        Files.createDirectories(directory.resolve("logs"));
        for (final String name : CONF_FILES) {
            String text = resource("/nifi-conf/" + name).replace("${http.port}", Integer.toString(port));
            if (logPermits && name.equals("logback.xml")) {
                text = withPermitsLogged(text);
            }
            Files.writeString(directory.resolve("conf").resolve(name), text);
        }
        final NiFiRig rig = new NiFiRig(directory, port);
        // NiFi must not outlive the JVM that started it, whatever ends that JVM
        Runtime.getRuntime().addShutdownHook(new Thread(rig::close));
        rig.launchAndAwait(timeout);
        return rig;
    }

    /** NiFi's logback.xml with {@link #PERMIT_LOGGER} in it. */
    static String withPermitsLogged(final String logback) {
        return logback.replace("<root ", PERMIT_LOGGER + "\n    <root ");
    }

    /**
     * Stops NiFi as an operator does (SIGTERM: NiFi's own graceful shutdown) and starts it again on the same directory and
     * port: conf/flow.json.gz with its components' states, the FlowFile, content and provenance repositories and local
     * state are kept, so enabled services are enabled, running processors started and queued FlowFiles restored by NiFi
     * itself while it starts. It first lets NiFi write the flow's last changes: NiFi writes them
     * {@value #FLOW_WRITE_DELAY_MILLIS} ms after they are made, and a change still pending when it shuts down is written
     * after it has stopped every component, so the flow would come back with everything stopped.
     *
     * @return how long NiFi took from its launch until it answered with the bundle loaded (what {@link #start} waits for)
     */
    public Duration restart(final Duration timeout) throws IOException, InterruptedException {
        awaitFlowWritten();
        stop(process);
        return launchAndAwait(timeout);
    }

    /** Waits until conf/flow.json.gz has not changed for three write delays: no change is pending then. */
    private void awaitFlowWritten() throws IOException, InterruptedException {
        final Path flow = directory.resolve("conf/flow.json.gz");
        final Duration quiet = Duration.ofMillis(3 * FLOW_WRITE_DELAY_MILLIS);
        final Instant deadline = Instant.now().plusSeconds(30);
        Instant quietSince = Instant.now();
        FileTime written = Files.exists(flow) ? Files.getLastModifiedTime(flow) : null;
        while (Duration.between(quietSince, Instant.now()).compareTo(quiet) < 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(FLOW_WRITE_DELAY_MILLIS / 4);
            final FileTime now = Files.exists(flow) ? Files.getLastModifiedTime(flow) : null;
            if (!Objects.equals(now, written)) {
                written = now;
                quietSince = Instant.now();
            }
        }
    }

    private Duration launchAndAwait(final Duration timeout) throws IOException, InterruptedException {
        final Path log = directory.resolve("logs/nifi-app.log");
        logMark = Files.exists(log) ? Files.size(log) : 0;
        final long launched = System.nanoTime();
        process = launch(directory, Map.of());
        try {
            awaitBundle(timeout);
        } catch (final IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        return Duration.ofNanos(System.nanoTime() - launched);
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

    /**
     * A free port below the system's ephemeral range, for a NiFi that is restarted on it: a port from {@link #freePort()}
     * lies in that range, where any outgoing connection on the host may take it as its local port while NiFi is down.
     */
    public static int stablePort() throws IOException {
        final Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        final int ephemeralStart = Files.isReadable(range) ? Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]) : 32768;
        final Random random = new Random();
        for (int attempt = 0; attempt < 100 && ephemeralStart > 20_000; attempt++) {
            final int candidate = 10_000 + random.nextInt(ephemeralStart - 10_000);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (final IOException taken) {
                // another listener has it: try the next
            }
        }
        return freePort();
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

    /** What NiFi has written to its application log since it was last started or restarted. */
    public String appLogSinceLaunch() throws IOException {
        final Path log = directory.resolve("logs/nifi-app.log");
        if (!Files.exists(log)) {
            return "";
        }
        try (var channel = Files.newByteChannel(log)) {
            channel.position(logMark);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        final Process running = process;
        if (running != null) {
            stop(running);
        }
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
