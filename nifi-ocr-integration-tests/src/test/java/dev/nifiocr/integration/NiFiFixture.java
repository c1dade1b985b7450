package dev.nifiocr.integration;

import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.rig.ExampleFlows;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The end-to-end tests' fixture, a JUnit extension: before a test class, the local Tencent OCR emulator (static keys
 * {@link #SECRET_ID} / {@link #SECRET_KEY}) and a fresh real NiFi 2.3.0 ({@link NiFiRig}: empty flow, free port, returned
 * once this bundle's NAR is loaded); after the class, both stopped. In between, what every test does against them: an
 * enabled client service pointed at the emulator from a property map ({@link #service}), FlowFiles into and out of root
 * ports over site-to-site ({@link #send}, {@link #receive}, {@link #collect}), waiting for a condition ({@link #await},
 * {@link #queued}). Anything else goes through {@link #rest()} on the {@link #root()} group, {@link #emulator()} and
 * {@link #rig()}. In five lines:
 * <pre>{@code
 * static final NiFiFixture nifi = new NiFiFixture(); // a field annotated with JUnit's RegisterExtension
 * String service = nifi.service("Tencent", Map.of("Daily Budget Enabled", "true", "Daily Budget", "30"));
 * Connectable in = nifi.rest().createPort(nifi.root(), true, "in", 0, 0); // ... processors, connect, setGroupState
 * nifi.send(in, List.of(png), List.of(Map.of("filename", "scan.png")));
 * List<SiteToSite.Received> answers = nifi.collect(results, 1, Duration.ofSeconds(60));
 * }</pre>
 * {@link #forRestarts()} gives a NiFi the test restarts. The fixture lives in test scope, beside the tests it serves: it
 * speaks JUnit (an extension; failures are {@link AssertionError}s), while the rig in main scope also serves the demo and
 * the benchmarks. ClusterIT has its own rig, {@code ClusterRig}.
 */
final class NiFiFixture implements BeforeAllCallback, AfterAllCallback {

    static final String SECRET_ID = "AKIDfixture0000000000000000000000000";
    static final String SECRET_KEY = "fixture-secret-key";
    static final String SERVICE_TYPE = "dev.nifiocr.service.StandardTencentCloudClientService";
    /** templates/, with the example flows; its sibling ../samples holds the sample documents. */
    static final Path TEMPLATES = Path.of(System.getProperty("nifi.rig.templates", "../templates"));
    /** How long {@link #await} waits: generous, for a machine busy with other builds. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final boolean stablePort;
    private final Duration startTimeout;
    private final boolean logPermits;
    private TencentOcrEmulator emulator;
    private NiFiRig rig;
    private String root;

    NiFiFixture() {
        this(false, Duration.ofMinutes(3), false);
    }

    private NiFiFixture(final boolean stablePort, final Duration startTimeout, final boolean logPermits) {
        this.stablePort = stablePort;
        this.startTimeout = startTimeout;
        this.logPermits = logPermits;
    }

    /** A NiFi the test restarts with {@link #restart()}: on a port outside the ephemeral range, allowed 4 minutes to start. */
    static NiFiFixture forRestarts() {
        return new NiFiFixture(true, Duration.ofMinutes(4), false);
    }

    /** A NiFi whose rate limiters log every permit they grant to nifi-app.log, for tests that pair calls with permits ({@link GrantedPermits}). */
    static NiFiFixture withPermitsLogged() {
        return new NiFiFixture(false, Duration.ofMinutes(3), true);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
        rig = NiFiRig.start(Path.of(System.getProperty("nifi.rig.directory", "target/nifi")), stablePort ? NiFiRig.stablePort() : NiFiRig.freePort(),
                startTimeout, logPermits);
        root = rig.client().rootGroupId();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (rig != null) {
            rig.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    TencentOcrEmulator emulator() {
        return emulator;
    }

    NiFiRig rig() {
        return rig;
    }

    NiFiRestClient rest() {
        return rig.client();
    }

    /** The root process group's id: the tests build their flows there. */
    String root() {
        return root;
    }

    /** Restarts NiFi on its directory and port (see {@link NiFiRig#restart}); how long until it answered with the bundle loaded. */
    Duration restart() throws IOException, InterruptedException {
        return rig.restart(startTimeout);
    }

    /**
     * A client service's properties: the emulator's endpoint and the static keys, then {@code own} over them. The keys only
     * where {@code own} chooses no other Credentials Strategy.
     */
    Map<String, String> serviceProperties(final Map<String, String> own) {
        final Map<String, String> properties = new HashMap<>();
        properties.put("Endpoint", emulator.endpoint());
        if (!own.containsKey("Credentials Strategy")) {
            properties.put("Secret ID", SECRET_ID);
            properties.put("Secret Key", SECRET_KEY);
        }
        properties.putAll(own);
        return properties;
    }

    /** Creates a client service in the root group with {@link #serviceProperties} and enables it; its id. */
    String service(final String name, final Map<String, String> own) throws IOException, InterruptedException {
        final String service = rest().createControllerService(root, SERVICE_TYPE, name, serviceProperties(own));
        rest().enableControllerService(service, Duration.ofSeconds(30));
        return service;
    }

    /** The emulator as an example flow's Tencent parameters. */
    ExampleFlows.Tencent tencent() {
        return new ExampleFlows.Tencent(emulator.endpoint(), SECRET_ID, SECRET_KEY);
    }

    /** Sends one FlowFile per content, with the attributes of the same index, to a root input port. */
    void send(final Connectable input, final List<byte[]> contents, final List<Map<String, String>> attributes) {
        try {
            SiteToSite.send(rig.baseUrl(), input.id(), contents, attributes);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a root output port holds now, possibly nothing. */
    List<SiteToSite.Received> receive(final Connectable output) {
        try {
            return SiteToSite.receive(rig.baseUrl(), output.id());
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receives from the port until it has delivered {@code expected} FlowFiles, and fails unless it delivered exactly that many. */
    List<SiteToSite.Received> collect(final Connectable output, final int expected, final Duration timeout) throws Exception {
        return collect(Map.of(output, expected), timeout).get(output);
    }

    /** Receives from each port until each has delivered its expected count, and fails unless each delivered exactly that many. */
    Map<Connectable, List<SiteToSite.Received>> collect(final Map<Connectable, Integer> expected, final Duration timeout) throws Exception {
        final Map<Connectable, List<SiteToSite.Received>> received = new LinkedHashMap<>();
        expected.keySet().forEach(port -> received.put(port, new ArrayList<>()));
        final Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && expected.entrySet().stream().anyMatch(e -> received.get(e.getKey()).size() < e.getValue())) {
            received.forEach((port, flowFiles) -> flowFiles.addAll(receive(port)));
            Thread.sleep(500);
        }
        for (final Map.Entry<Connectable, Integer> entry : expected.entrySet()) {
            final int count = received.get(entry.getKey()).size();
            if (count != entry.getValue()) {
                throw new AssertionError("FlowFiles on " + entry.getKey().id() + ": expected " + entry.getValue() + " but " + count + "; bulletins: "
                        + bulletins());
            }
        }
        return received;
    }

    /** Waits until the condition holds, checking every 250 ms; fails after two minutes. */
    void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** How many FlowFiles a connection holds; -1 while NiFi does not answer (it is restarting). */
    long queued(final String connectionId) {
        try {
            return rest().queuedCount(connectionId);
        } catch (final IOException e) {
            return -1;
        }
    }

    List<String> bulletins() {
        try {
            return rest().bulletins();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of what a folder holds, sorted; none before it exists. */
    static List<String> names(final Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many files a folder holds; 0 before it exists. */
    static long files(final Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
