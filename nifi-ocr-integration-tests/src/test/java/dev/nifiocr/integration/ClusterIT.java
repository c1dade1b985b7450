package dev.nifiocr.integration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiocr.emulator.TencentOcrEmulator;
import dev.nifiocr.rig.ClusterRig;
import dev.nifiocr.rig.NiFiRestClient;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.NiFiRig;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle on a real 2-node NiFi 2.3.0 cluster with ZooKeeper: the NAR on both nodes, the client service created and
 * enabled through the cluster's REST API (each node then holds a lease in its cluster state), InvokeTencentOCR fed by a
 * round-robin load-balanced connection, the account's rate limit held over both nodes (by the permits each node's limiter
 * granted, and by the calls at the relays in front of the emulator, each paired with the permit it went out on), a node
 * disconnected and reconnected mid-run without a FlowFile lost or duplicated, and encrypted FlowFiles decrypted on the
 * node they were load balanced to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    private static final String SECRET_ID = "AKIDcluster0000000000000000000000000";
    private static final String SECRET_KEY = "cluster-secret-key";
    private static final String SERVICE_TYPE = "dev.nifiocr.service.StandardTencentCloudClientService";
    private static final String INVOKE = "dev.nifiocr.processors.InvokeTencentOCR";
    private static final String UPDATE_ATTRIBUTE = "org.apache.nifi.processors.attributes.UpdateAttribute";
    private static final double ACCOUNT_LIMIT = 10;
    private static final double ENCRYPTED_ACTION_LIMIT = 2;
    private static final int PLAIN = 200;
    private static final int CARDS = 6;
    private static final Duration AWAY = Duration.ofSeconds(7);
    // node 2 looks at its membership every 0.5 s and takes its cautious share at once; 2 s leave room for a loaded machine
    private static final Duration CAUTIOUS_AFTER = Duration.ofSeconds(2);

    private final Queue<RecordingRelay.Call> calls = new ConcurrentLinkedQueue<>();
    private final List<RecordingRelay> relays = new ArrayList<>();
    private TencentOcrEmulator emulator;
    private InProcessZooKeeper zooKeeper;
    private ClusterRig cluster;
    private NiFiRestClient rest;
    private double clusterStartSeconds;

    @BeforeAll
    void startCluster() throws Exception {
        final Path assembled = Path.of(System.getProperty("nifi.rig.directory", "target/nifi"));
        emulator = new TencentOcrEmulator(SECRET_ID, SECRET_KEY, 0);
        emulator.exampleAnswersOnly(true); // this test is about the client's flow, not about reading images
        final List<Map<String, String>> environments = new ArrayList<>();
        for (int node = 1; node <= 2; node++) {
            final RecordingRelay relay = new RecordingRelay(node, emulator.endpoint(), calls);
            relays.add(relay);
            environments.add(Map.of("OCR_ENDPOINT", relay.endpoint(), "OCR_NODE", "node-" + node));
        }
        final long started = System.nanoTime();
        final Path zooKeeperData = assembled.resolveSibling("nifi-cluster").resolve("zookeeper");
        NiFiRig.deleteRecursively(zooKeeperData);
        zooKeeper = new InProcessZooKeeper(zooKeeperData, NiFiRig.freePort());
        cluster = ClusterRig.start(assembled, assembled.resolveSibling("nifi-cluster").resolve("nodes"), zooKeeper.port(), environments,
                Duration.ofMinutes(4));
        clusterStartSeconds = (System.nanoTime() - started) / 1e9;
        rest = cluster.node(1).client();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        relays.forEach(RecordingRelay::close);
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void sharesTheAccountLimitAcrossNodesAndLosesNothingWhenANodeLeaves() throws Exception {
        // the NAR loaded on both nodes (the rig waits for it on each)
        for (final ClusterRig.Node node : cluster.nodes()) {
            assertTrue(node.client().processorTypes().contains(INVOKE), "node " + node.index());
        }
        assertEquals(2, cluster.connectedNodes());

        final String root = rest.rootGroupId();
        final Map<String, String> properties = new HashMap<>();
        properties.put("Secret ID", SECRET_ID);
        properties.put("Secret Key", SECRET_KEY);
        properties.put("Endpoint", "${OCR_ENDPOINT}");
        properties.put("Rate Limit per Account", Double.toString(ACCOUNT_LIMIT));
        properties.put("RecognizeEncryptedIDCardOCR", Double.toString(ENCRYPTED_ACTION_LIMIT));
        properties.put("Sensitive Data Encryption Enabled", "true");
        properties.put("RSA Public Key", emulator.rsaPublicKeyPem());
        properties.put("Session Key Protection Secret", "Tj0/JCyS78+Rg5CllaWJj8JTYgJNm2aEUjsyXqBiVVI=");
        final String serviceId = rest.createControllerService(root, SERVICE_TYPE, "Tencent Cloud", properties);
        rest.enableControllerService(serviceId, Duration.ofSeconds(60));
        // enabled on both nodes: each holds a lease in the service's cluster state (in ZooKeeper)
        awaitCondition(() -> leases(serviceId) == 2, Duration.ofSeconds(30), "two leases in the service's cluster state");

        final Connectable plain = rest.createPort(root, true, "plain", 0, 0);
        final Connectable cards = rest.createPort(root, true, "cards", 600, 0);
        final Connectable results = rest.createPort(root, false, "results", 300, 800);
        final Connectable failures = rest.createPort(root, false, "failures", 900, 800);
        final Connectable invoke = rest.createProcessor(root, INVOKE, "OCR",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "GeneralBasicOCR", "Request Source", "FlowFile Content as Request JSON"),
                List.of("original"), 0, 300);
        final Connectable entry = rest.createProcessor(root, UPDATE_ATTRIBUTE, "Note entry node", Map.of("encrypted.on", "${OCR_NODE}"), List.of(), 600, 150);
        final Connectable encrypt = rest.createProcessor(root, "dev.nifiocr.processors.EncryptOCRPayload", "Encrypt",
                Map.of("Tencent Cloud Client Service", serviceId, "Envelope Algorithm", "AES-256-CBC", "CardSide", "FRONT"), List.of(), 600, 300);
        final Connectable invokeEncrypted = rest.createProcessor(root, INVOKE, "OCR encrypted",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", "RecognizeEncryptedIDCardOCR", "Request Source", "FlowFile Content as Request JSON"),
                List.of("original"), 600, 450);
        final Connectable exit = rest.createProcessor(root, UPDATE_ATTRIBUTE, "Note exit node", Map.of("invoked.on", "${OCR_NODE}"), List.of(), 300, 650);
        rest.setLoadBalanceStrategy(rest.connect(plain, invoke, List.of()), "ROUND_ROBIN");
        rest.connect(invoke, invoke, List.of("retry"));
        rest.connect(invoke, exit, List.of("success"));
        rest.connect(invoke, failures, List.of("failure"));
        rest.connect(cards, entry, List.of());
        rest.connect(entry, encrypt, List.of("success"));
        rest.setLoadBalanceStrategy(rest.connect(encrypt, invokeEncrypted, List.of("success")), "ROUND_ROBIN");
        rest.connect(encrypt, failures, List.of("failure"));
        rest.connect(invokeEncrypted, invokeEncrypted, List.of("retry"));
        rest.connect(invokeEncrypted, exit, List.of("success"));
        rest.connect(invokeEncrypted, failures, List.of("failure"));
        rest.connect(exit, results, List.of("success"));
        rest.setGroupState(root, "RUNNING");

        final long runStarted = System.nanoTime();
        final List<byte[]> plainContents = new ArrayList<>();
        final List<Map<String, String>> plainAttributes = new ArrayList<>();
        final String image = Base64.getEncoder().encodeToString(EndToEndIT.scan(1));
        for (int i = 0; i < PLAIN; i++) {
            plainContents.add(("{\"ImageBase64\":\"" + image + "\"}").getBytes(StandardCharsets.UTF_8));
            plainAttributes.add(Map.of("filename", "plain-" + i));
        }
        final List<byte[]> cardContents = new ArrayList<>();
        final List<Map<String, String>> cardAttributes = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            cardContents.add(EndToEndIT.scan(i));
            cardAttributes.add(Map.of("filename", "card-" + i));
        }
        SiteToSite.send(cluster.node(1).baseUrl(), plain.id(), plainContents, plainAttributes);
        SiteToSite.send(cluster.node(1).baseUrl(), cards.id(), cardContents, cardAttributes);

        final List<SiteToSite.Received> out = new ArrayList<>();
        final List<SiteToSite.Received> failed = new ArrayList<>();
        final Runnable drain = () -> {
            try {
                out.addAll(SiteToSite.receive(cluster.node(1).baseUrl(), results.id()));
                failed.addAll(SiteToSite.receive(cluster.node(1).baseUrl(), failures.id()));
            } catch (final IOException e) {
                // a node is leaving or joining: the next round takes what this one missed
            }
        };

        // mid-run, node 2 leaves the cluster (it keeps running, on its own) and comes back
        final ClusterRig.Node second = cluster.node(2);
        awaitDraining(drain, () -> count(call -> call.action().equals("GeneralBasicOCR")) >= 40, Duration.ofSeconds(120), "40 calls before the disconnect");
        cluster.disconnect(second);
        cluster.awaitStatus(second, "DISCONNECTED", Duration.ofSeconds(60));
        final long disconnected = System.nanoTime();
        // away long enough to measure its cautious share, and less than a lease (12 s), so the others never take over its share
        awaitDraining(drain, () -> System.nanoTime() - disconnected > AWAY.toNanos(), AWAY.plusSeconds(5), "node 2 away");
        final long cautiousFrom = disconnected + CAUTIOUS_AFTER.toNanos();
        final long awayUntil = System.nanoTime();
        cluster.reconnect(second);
        cluster.awaitStatus(second, "CONNECTED", Duration.ofSeconds(120));
        awaitDraining(drain, () -> out.size() + failed.size() >= PLAIN + CARDS, Duration.ofSeconds(180), "every FlowFile out");
        final double runSeconds = (System.nanoTime() - runStarted) / 1e9;
        // anything more would be a duplicate
        Thread.sleep(3000);
        drain.run();
        rest.setGroupState(root, "STOPPED");

        // every FlowFile out exactly once, none failed
        assertEquals(List.of(), failed.stream().map(f -> f.attributes().get("filename") + ": " + f.attributes().get("tencent.ocr.error.message")).toList());
        final List<String> names = out.stream().map(f -> f.attributes().get("filename")).sorted().toList();
        final Set<String> expected = new HashSet<>();
        plainAttributes.forEach(a -> expected.add(a.get("filename")));
        cardAttributes.forEach(a -> expected.add(a.get("filename")));
        assertEquals(PLAIN + CARDS, names.size(), "FlowFiles out (a duplicate makes more)");
        assertEquals(expected, new HashSet<>(names));

        // both nodes called
        final List<RecordingRelay.Call> plainCalls = calls.stream().filter(call -> call.action().equals("GeneralBasicOCR")).toList();
        final Map<Integer, Long> perNode = plainCalls.stream().collect(Collectors.groupingBy(RecordingRelay.Call::node, TreeMap::new, Collectors.counting()));
        assertEquals(Set.of(1, 2), perNode.keySet(), "calls per node " + perNode);
        assertEquals(PLAIN, plainCalls.size());
        assertEquals(PLAIN, emulator.calls("GeneralBasicOCR success"));

        // The rate checks read what each node's limiter decided (a DEBUG line per permit in the node's log) and pair every call
        // at the relay with the permit it went out on: the arrivals alone carry the machine's latency (the first call of each
        // processor on a node reaches the relay up to seconds after its permit, later ones a median of 8 ms; docs/clusters.md).
        final List<GrantedPermits.Grant> grants = new ArrayList<>();
        for (final ClusterRig.Node node : cluster.nodes()) {
            grants.addAll(GrantedPermits.read(node.index(), node.directory()));
        }
        final List<RecordingRelay.Call> unpaired = new ArrayList<>();
        final List<GrantedPermits.Sent> sent = GrantedPermits.pair(List.copyOf(calls), grants, unpaired);
        GrantedPermits.write(cluster.node(1).directory().resolveSibling("permits.csv"), grants, sent);
        assertEquals(List.of(), unpaired, "calls at the relay without a permit of their node's limiter before them");
        assertEquals(List.of(), GrantedPermits.tooClose(grants), "permits of one limiter closer together than its interval");

        // the account's limit held over the run: by the limiters' decisions, and at the relay
        final GrantedPermits.Rates plainRates = rates("GeneralBasicOCR", grants, sent);
        assertWithinLimit(plainRates, ACCOUNT_LIMIT, 2);

        // disconnected, node 2 took 1 / (2 + 1) of the account: the others may take over its share when its lease expires
        final double cautiousSeconds = (awayUntil - cautiousFrom) / 1e9;
        final List<GrantedPermits.Grant> awayGrants = grants.stream().filter(grant -> grant.node() == 2 && grant.action().equals("GeneralBasicOCR")
                && grant.slotNanos() >= cautiousFrom && grant.slotNanos() < awayUntil).toList();
        final GrantedPermits.Rates cautious = GrantedPermits.Rates.of("node 2 while disconnected", awayGrants,
                sent.stream().filter(pair -> pair.call().node() == 2 && pair.call().nanos() >= cautiousFrom && pair.call().nanos() < awayUntil).toList());
        final double cautiousLimit = ACCOUNT_LIMIT / 3;
        awayGrants.forEach(grant -> assertTrue(1e9 / grant.intervalNanos() <= cautiousLimit * (1 + 1e-9), "node 2 had not taken its cautious share: " + grant));
        // + 1: the first slot in the window; at the relay the window widens by the spread of the delays of the calls that arrived in it
        assertTrue(cautious.permits() <= cautiousLimit * cautiousSeconds + 1,
                "node 2's limiter gave %d permits in %.1f s while disconnected".formatted(cautious.permits(), cautiousSeconds));
        final int secondCautious = cautious.calls();
        assertTrue(secondCautious <= cautiousLimit * (cautiousSeconds + cautious.spreadSeconds()) + 1,
                "node 2 sent %d calls in %.1f s while disconnected (%s)".formatted(secondCautious, cautiousSeconds, cautious));
        assertTrue(secondCautious > 0, "node 2 kept working while disconnected");

        // the encrypted FlowFiles: each decrypted, some on the node they were not encrypted on
        final List<SiteToSite.Received> decrypted = out.stream().filter(f -> f.attributes().get("filename").startsWith("card-")).toList();
        decrypted.forEach(f -> assertEquals("true", f.attributes().get("tencent.ocr.decrypted"), f.attributes().toString()));
        final long crossed = decrypted.stream().filter(f -> !f.attributes().get("encrypted.on").equals(f.attributes().get("invoked.on"))).count();
        assertTrue(crossed > 0, "no encrypted FlowFile was load balanced to the other node: " + decrypted.stream().map(SiteToSite.Received::attributes).toList());
        final GrantedPermits.Rates encrypted = rates("RecognizeEncryptedIDCardOCR", grants, sent);
        assertWithinLimit(encrypted, ENCRYPTED_ACTION_LIMIT, 2);

        System.out.printf("ClusterIT: cluster of 2 up in %.1f s; %d FlowFiles in, %d out, 0 failed, in %.1f s; GeneralBasicOCR %d calls "
                        + "(per node %s) in %.1f s = %.2f/s at the emulator (account limit %.0f/s; peak 5 s window %.2f/s); node 2 sent %d calls "
                        + "in %.1f s while disconnected, after taking its cautious share (%.2f/s); %d of %d encrypted FlowFiles decrypted on the other node; "
                        + "RSS node 1 / node 2: %d / %d MiB%nClusterIT permits: %s%nClusterIT permits: %s%nClusterIT permits: %s%n",
                clusterStartSeconds, PLAIN + CARDS, out.size(), runSeconds, plainCalls.size(), perNode, plainRates.arrivalSeconds(),
                plainCalls.size() / plainRates.arrivalSeconds(), ACCOUNT_LIMIT, peakRate(plainCalls, 5), secondCautious, cautiousSeconds,
                secondCautious / cautiousSeconds, crossed, decrypted.size(), cluster.node(1).residentMebibytes(), cluster.node(2).residentMebibytes(),
                plainRates, cautious, encrypted);
    }

    private static GrantedPermits.Rates rates(final String action, final List<GrantedPermits.Grant> grants, final List<GrantedPermits.Sent> sent) {
        return GrantedPermits.Rates.of(action, grants.stream().filter(grant -> grant.action().equals(action)).toList(),
                sent.stream().filter(pair -> pair.call().action().equals(action)).toList());
    }

    /**
     * Over T seconds the limiters grant at most limit * T permits, plus one free first permit per node: checked exactly on
     * their slots. At the relay the calls carry the machine's latency, so the check there widens T by the spread of
     * permit-to-arrival delays measured in the same run (the margin is printed with the figures).
     */
    private static void assertWithinLimit(final GrantedPermits.Rates rates, final double limit, final int nodes) {
        assertTrue(rates.permits() <= limit * rates.permitSeconds() + nodes, "limiters over %s/s: %s".formatted(limit, rates));
        assertTrue(rates.calls() <= limit * (rates.arrivalSeconds() + rates.spreadSeconds()) + nodes,
                "calls at the relay over %s/s beyond the measured spread: %s".formatted(limit, rates));
    }

    private int leases(final String serviceId) {
        try {
            int leases = 0;
            for (final JsonNode entry : rest.controllerServiceState(serviceId).at("/componentState/clusterState/state")) {
                if (entry.get("key").asText().startsWith("lease.")) {
                    leases++;
                }
            }
            return leases;
        } catch (final IOException e) {
            return -1;
        }
    }

    private long count(final Predicate<RecordingRelay.Call> filter) {
        return calls.stream().filter(filter).count();
    }

    /** The highest rate over any window of that many seconds that starts at a call. */
    private static double peakRate(final List<RecordingRelay.Call> calls, final int windowSeconds) {
        final long[] times = calls.stream().mapToLong(RecordingRelay.Call::nanos).sorted().toArray();
        final long window = TimeUnit.SECONDS.toNanos(windowSeconds);
        int best = 0;
        for (int start = 0, end = 0; start < times.length; start++) {
            while (end < times.length && times[end] < times[start] + window) {
                end++;
            }
            best = Math.max(best, end - start);
        }
        return (double) best / windowSeconds;
    }

    private static void awaitDraining(final Runnable drain, final BooleanSupplier done, final Duration timeout, final String what)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            drain.run();
            Thread.sleep(500);
        }
    }

    private static void awaitCondition(final BooleanSupplier done, final Duration timeout, final String what) throws InterruptedException {
        awaitDraining(() -> { }, done, timeout, what);
    }
}
