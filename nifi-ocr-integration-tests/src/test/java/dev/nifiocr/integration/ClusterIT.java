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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle on a real 2-node NiFi 2.3.0 cluster with ZooKeeper: the NAR on both nodes, the client service created and
 * enabled through the cluster's REST API (each node then holds a lease in its cluster state), InvokeTencentOCR fed by a
 * round-robin load-balanced connection, the account's rate limit held over both nodes (by the permits each node's limiter
 * granted, and by the calls at the relays in front of the emulator, each paired with the permit it went out on), a node
 * disconnected and reconnected mid-run without a FlowFile lost or duplicated, and encrypted FlowFiles decrypted on the
 * node they were load balanced to. Then, on the same cluster, a node killed with {@code kill -9} while both are busy and
 * started again on its directories: its share taken over when its lease expires, nothing lost, its rejoining never taking
 * the account over its limit, and the share of a node that runs out of work going to the node that has it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    // the crash and join scenario: its own Action and service, Tencent's latency at the relays, several tasks per node
    private static final String CRASH_ACTION = "GeneralAccurateOCR";
    private static final double CRASH_LIMIT = 4;
    private static final int CRASH_TASKS = 4;
    private static final int BACKLOG = 200;
    private static final Duration RELAY_LATENCY = Duration.ofMillis(300);
    // the service's lease renewal and lease time, its budget block, and the documented bound on giving an idle share away
    private static final double RENEWAL_SECONDS = 3;
    private static final double LEASE_SECONDS = 12;
    private static final int BUDGET_BLOCK = 10;
    private static final double IDLE_SHARE_SECONDS = 8;

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
    @Order(1)
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
        // node 2 must be sending when it leaves: a node takes a share only for work it has, and a disconnected node only keeps
        // (at most) the share it had. Its FlowFiles come by load balancing, at times seconds after node 1's (CI once
        // saw it send nothing while away, with no sign of it sending before).
        awaitDraining(drain, () -> count(call -> call.action().equals("GeneralBasicOCR")) >= 40
                        && count(call -> call.action().equals("GeneralBasicOCR") && call.node() == 2) >= 10,
                Duration.ofSeconds(120), "40 calls, 10 of them from node 2, before the disconnect");
        final long secondBefore = count(call -> call.action().equals("GeneralBasicOCR") && call.node() == 2);
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
        // each answer is named for what it holds: plain-3's is plain-3.json
        plainAttributes.forEach(a -> expected.add(a.get("filename") + ".json"));
        cardAttributes.forEach(a -> expected.add(a.get("filename") + ".json"));
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
        assertTrue(secondCautious > 0, "node 2 kept working while disconnected (%d calls before; %s)".formatted(secondBefore, cautious));

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

    /**
     * Both nodes busy with one Action at 4/s (4 tasks each, the relays answering after 0.3 s as Tencent does), a Daily
     * Budget leased in blocks; the node that is not primary is killed with SIGKILL and started again on its directories
     * while the primary stays backlogged (a primary-only generator keeps its queue between 15 and 40). Then the generator
     * stops and the primary runs out of work while the restarted node still has some.
     */
    @Test
    @Order(2)
    void aKilledNodeLosesNothingAndRejoinsWithoutTakingTheAccountOverItsLimit() throws Exception {
        final Map<Integer, List<String>> roles = cluster.roles(cluster.node(1));
        final int survivorIndex = roles.entrySet().stream().filter(entry -> entry.getValue().contains("Primary Node")).findFirst().orElseThrow().getKey();
        final int victimIndex = 3 - survivorIndex;
        final long scenarioStarted = System.nanoTime();
        final ClusterRig.Node survivor = cluster.node(survivorIndex);
        final NiFiRestClient api = survivor.client();
        final String root = api.rootGroupId();
        final String group = ClusterRig.createProcessGroup(api, root, "Crash and join", 0, 1200);
        final Map<String, String> properties = Map.of("Secret ID", SECRET_ID, "Secret Key", SECRET_KEY, "Endpoint", "${OCR_ENDPOINT}",
                "Rate Limit per Account", Double.toString(CRASH_LIMIT), "Daily Budget Enabled", "true", "Daily Budget", "100000");
        final String serviceId = api.createControllerService(group, SERVICE_TYPE, "Tencent Cloud (crash and join)", properties);
        api.enableControllerService(serviceId, Duration.ofSeconds(60));
        awaitCondition(() -> leases(api, serviceId) == 2, Duration.ofSeconds(30), "two leases in the service's cluster state");

        final String request = "{\"ImageBase64\":\"" + Base64.getEncoder().encodeToString(EndToEndIT.scan(1)) + "\"}";
        final Connectable backlog = api.createPort(group, true, "backlog", 0, 0);
        final Connectable done = api.createPort(group, false, "done", 300, 800);
        final Connectable failures = api.createPort(group, false, "failed", 900, 800);
        final Connectable ocr = api.createProcessor(group, INVOKE, "OCR",
                Map.of("Tencent Cloud Client Service", serviceId, "OCR Action", CRASH_ACTION, "Request Source", "FlowFile Content as Request JSON"),
                List.of("original"), 0, 300);
        api.setConcurrentTasks(ocr.id(), CRASH_TASKS);
        final Connectable generator = api.createProcessor(group, "org.apache.nifi.processors.standard.GenerateFlowFile", "Generate on the primary",
                Map.of("generate-ff-custom-text", request, "Batch Size", "1", "Data Format", "Text"), List.of(), 600, 0);
        ClusterRig.schedule(api, generator.id(), "200 millis", "PRIMARY");
        final Connectable number = api.createProcessor(group, UPDATE_ATTRIBUTE, "Number", Map.of("item", "gen-${nextInt()}"), List.of(), 600, 150);
        final Connectable exit = api.createProcessor(group, UPDATE_ATTRIBUTE, "Note exit node", Map.of("invoked.on", "${OCR_NODE}"), List.of(), 300, 650);
        final String backlogIn = api.connect(backlog, ocr, List.of());
        api.setLoadBalanceStrategy(backlogIn, "ROUND_ROBIN");
        final String generated = api.connect(generator, number, List.of("success"));
        final String numbered = api.connect(number, ocr, List.of("success"));
        final List<String> working = List.of(backlogIn, generated, numbered, api.connect(ocr, ocr, List.of("retry")), api.connect(ocr, exit, List.of("success")));
        final String toFailed = api.connect(ocr, failures, List.of("failure"));
        final String toDone = api.connect(exit, done, List.of("success"));
        relays.forEach(relay -> relay.latency(RELAY_LATENCY));
        api.setGroupState(group, "RUNNING");

        final List<byte[]> contents = new ArrayList<>();
        final List<Map<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            contents.add(request.getBytes(StandardCharsets.UTF_8));
            attributes.add(Map.of("item", "rr-" + i));
        }
        SiteToSite.send(survivor.baseUrl(), backlog.id(), contents, attributes);

        // the primary's generator keeps its queue between 15 and 40 until the restarted node has been back a while
        final AtomicBoolean generating = new AtomicBoolean(true);
        final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor();
        control.scheduleWithFixedDelay(() -> {
            try {
                final long queued = api.queuedCount(generated) + api.queuedCount(numbered);
                if (queued < 15 && generating.compareAndSet(false, true)) {
                    api.setProcessorState(generator.id(), "RUNNING");
                } else if (queued > 40 && generating.compareAndSet(true, false)) {
                    api.setProcessorState(generator.id(), "STOPPED");
                }
            } catch (final IOException | RuntimeException e) {
                // the next round tries again
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        final long killedAt;
        final long rejoinedAt;
        final long leaseGone;
        try {
            awaitCondition(() -> crashCalls(victimIndex, 0) >= 15 && crashCalls(survivorIndex, 0) >= 15, Duration.ofSeconds(120), "both nodes at work");
            killedAt = System.nanoTime();
            cluster.kill(cluster.node(victimIndex));
            awaitCondition(() -> leases(api, serviceId) == 1, Duration.ofSeconds(60), "the killed node's lease gone from the cluster state");
            leaseGone = System.nanoTime() - killedAt;
            cluster.restart(cluster.node(victimIndex), Duration.ofMinutes(4));
            rejoinedAt = System.nanoTime();
            awaitCondition(() -> crashCalls(victimIndex, rejoinedAt) >= 30, Duration.ofSeconds(120), "the restarted node at work beside the backlogged one");
            // the restarted node runs out of work while the primary still has some, for long enough to take the whole account
            awaitCondition(() -> calls.stream().filter(call -> call.action().equals(CRASH_ACTION) && call.node() == victimIndex)
                    .mapToLong(RecordingRelay.Call::nanos).max().orElseThrow() < System.nanoTime() - TimeUnit.SECONDS.toNanos(15),
                    Duration.ofSeconds(120), "the restarted node done with its backlog");
        } finally {
            control.shutdownNow();
            control.awaitTermination(10, TimeUnit.SECONDS);
        }
        api.setProcessorState(generator.id(), "STOPPED");
        final ClusterRig.Node victim = cluster.node(victimIndex);
        awaitCondition(() -> {
            try {
                for (final String connection : working) {
                    if (api.queuedCount(connection) > 0) {
                        return false;
                    }
                }
                return true;
            } catch (final IOException e) {
                return false;
            }
        }, Duration.ofSeconds(240), "every FlowFile through OCR");
        for (final Connectable processor : List.of(generator, number, ocr, exit)) {
            api.setProcessorState(processor.id(), "STOPPED");
        }
        relays.forEach(relay -> relay.latency(Duration.ZERO));
        // NiFi's counters, summed over the nodes: the killed node's died with its JVM
        final long sentCounter = api.counters().getOrDefault(CRASH_ACTION + " Requests Sent", 0L);
        final List<SiteToSite.Received> out = receiveAll(api, done, toDone);
        final List<SiteToSite.Received> failed = receiveAll(api, failures, toFailed);
        api.setGroupState(group, "STOPPED");
        api.disableControllerService(serviceId, Duration.ofSeconds(60));
        final long leased = budgetLeased(api, serviceId);

        // every FlowFile out exactly once: the backlog by name, the generated ones numbered without a gap
        // each FlowFile named in an attribute of its own: InvokeTencentOCR names its answer after what it holds (filename)
        assertEquals(List.of(), failed.stream().map(f -> f.attributes().get("item") + ": " + f.attributes().get("tencent.ocr.error.message")).toList());
        final List<String> names = out.stream().map(f -> f.attributes().get("item")).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "a FlowFile came out twice");
        final Set<String> backlogNames = names.stream().filter(name -> name.startsWith("rr-")).collect(Collectors.toSet());
        assertEquals(BACKLOG, backlogNames.size(), "backlog FlowFiles out");
        final int generatedOut = (int) names.stream().filter(name -> name.startsWith("gen-")).count();
        final int highest = names.stream().filter(name -> name.startsWith("gen-")).mapToInt(name -> Integer.parseInt(name.substring(4))).max().orElse(-1);
        assertEquals(highest + 1, generatedOut, "generated FlowFiles numbered 0.." + highest + " each out once");
        final long victimCallsAfterRestart = crashCalls(victimIndex, killedAt);

        // calls: each FlowFile once, plus the calls the killed node had on the wire (its FlowFiles were not committed: replayed)
        final List<RecordingRelay.Call> crashCalls = calls.stream().filter(call -> call.action().equals(CRASH_ACTION)).toList();
        final int flowFiles = names.size();
        final int replayed = crashCalls.size() - flowFiles;
        assertTrue(replayed >= 0 && replayed <= CRASH_TASKS, "calls " + crashCalls.size() + " for " + flowFiles + " FlowFiles: replayed " + replayed);
        assertEquals(crashCalls.size(), emulator.calls(CRASH_ACTION + " success"));
        assertTrue(sentCounter < crashCalls.size(), "counters " + sentCounter + " for " + crashCalls.size() + " calls: the killed node's are lost");
        // the budget: every call leased before it was sent; what the killed node held unspent or had reserved is stranded for the day
        final long stranded = leased - crashCalls.size();
        assertTrue(stranded >= 0 && stranded <= BUDGET_BLOCK + CRASH_TASKS, "leased " + leased + " for " + crashCalls.size() + " calls");

        // what each node's limiters decided, and the calls paired with the send slots they went out on
        final List<GrantedPermits.Grant> permits = new ArrayList<>();
        final List<GrantedPermits.Grant> sends = new ArrayList<>();
        for (final ClusterRig.Node node : cluster.nodes()) {
            GrantedPermits.read(node.index(), node.directory()).stream().filter(grant -> grant.action().equals(CRASH_ACTION)).forEach(permits::add);
            GrantedPermits.readSends(node.index(), node.directory()).stream().filter(grant -> grant.action().equals(CRASH_ACTION)).forEach(sends::add);
        }
        final List<RecordingRelay.Call> unpaired = new ArrayList<>();
        final List<GrantedPermits.Sent> sent = GrantedPermits.pairSends(crashCalls, sends, TimeUnit.SECONDS.toNanos(5), unpaired);
        GrantedPermits.write(cluster.node(1).directory().resolveSibling("sends.csv"), sends, sent);
        assertEquals(List.of(), unpaired, "calls at the relay without a send slot of their node before them");
        assertEquals(List.of(), GrantedPermits.tooClose(permits), "permits of one limiter closer together than its interval");
        assertEquals(List.of(), GrantedPermits.tooClose(sends), "send slots of one limiter closer together than their interval");
        final List<GrantedPermits.Windows> windows = new ArrayList<>();
        for (final int seconds : List.of(1, 5)) {
            final GrantedPermits.Windows figures = GrantedPermits.Windows.of(seconds, permits, sends, sent, CRASH_LIMIT, 2);
            assertTrue(figures.permits() <= CRASH_LIMIT * seconds, "permits over the account's limit: " + figures);
            assertTrue(figures.sends() <= CRASH_LIMIT * seconds, "send slots over the account's limit: " + figures);
            assertEquals(List.of(), figures.violations(), "calls at the relay over the limit beyond the measured spread");
            windows.add(figures);
        }

        // the killed node's share taken over once its lease expired (not before: it might have been alive)
        final long fullRate = (long) (1e9 / CRASH_LIMIT);
        final double takeover = (firstAfter(permits, survivorIndex, killedAt, grant -> grant.intervalNanos() <= fullRate) - killedAt) / 1e9;
        assertTrue(takeover >= LEASE_SECONDS - RENEWAL_SECONDS - 1 && takeover <= LEASE_SECONDS + 3, "took over after " + takeover + " s");
        // the restarted node sent nothing before the survivor had given up half: the survivor's slots at the whole rate had ended
        final long victimFirst = firstAfter(permits, victimIndex, killedAt, grant -> true);
        for (final List<GrantedPermits.Grant> slots : List.of(permits, sends)) {
            final long survivorWholeRateEnd = slots.stream().filter(grant -> grant.node() == survivorIndex && grant.slotNanos() < victimFirst && grant.intervalNanos() <= fullRate)
                    .mapToLong(grant -> grant.slotNanos() + grant.intervalNanos()).max().orElse(0);
            assertTrue(survivorWholeRateEnd <= victimFirst, "the survivor still had slots at the whole rate until %d ns, the restarted node started at %d ns"
                    .formatted(survivorWholeRateEnd, victimFirst));
        }
        final long victimLast = permits.stream().filter(grant -> grant.node() == victimIndex).mapToLong(GrantedPermits.Grant::slotNanos).max().orElseThrow();
        for (final int node : List.of(victimIndex, survivorIndex)) {
            final List<Long> intervals = permits.stream().filter(grant -> grant.node() == node && grant.slotNanos() >= victimFirst && grant.slotNanos() < victimLast)
                    .map(GrantedPermits.Grant::intervalNanos).distinct().toList();
            assertEquals(List.of(2 * fullRate), intervals, "node " + node + "'s share while both had work after the restart: half the account");
        }

        // the restarted node runs out of work: its share goes to the primary, which reaches the whole account
        final long survivorWhole = firstAfter(permits, survivorIndex, victimLast, grant -> grant.intervalNanos() <= fullRate);
        final double converged = (survivorWhole - victimLast) / 1e9;
        assertTrue(converged <= IDLE_SHARE_SECONDS, "the idle node's share reached the busy node " + converged + " s after its last permit");
        final long busyCalls = crashCalls.stream().filter(call -> call.node() == survivorIndex && call.nanos() >= survivorWhole + TimeUnit.SECONDS.toNanos(1)
                && call.nanos() < survivorWhole + TimeUnit.SECONDS.toNanos(6)).count();
        assertTrue(busyCalls >= 0.9 * CRASH_LIMIT * 5, "the busy node sent " + busyCalls + " calls in the 5 s after it took the whole account");
        assertFalse(Files.readString(victim.directory().resolve("logs/nifi-app.log")).contains("Failed to enable"), "a service failed to enable on restart");

        System.out.printf("ClusterIT crash: node %d killed (SIGKILL), restarted on its directories and made %d calls after; "
                        + "its share taken over after %.1f s; the REST API showed its lease gone %.1f s after the kill (NiFi replicates to a dead node until "
                        + "it has missed 8 heartbeats of 5 s); rejoined %.1f s after the kill; "
                        + "%d FlowFiles out once each (%d backlog, %d generated), %d calls at the emulator, %d replayed (on the wire at the kill); "
                        + "budget leased %d for %d calls: %d stranded by the crash; counter '%s Requests Sent' %d (the killed JVM's gone); idle share at the busy node %.1f s after the idle node's last permit, "
                        + "then %d calls in 5 s (limit %.0f/s); the scenario took %.0f s%nClusterIT crash windows: %s%nClusterIT crash windows: %s%n",
                victimIndex, victimCallsAfterRestart, takeover, leaseGone / 1e9, (rejoinedAt - killedAt) / 1e9, flowFiles, backlogNames.size(), generatedOut,
                crashCalls.size(), replayed, leased, crashCalls.size(), stranded, CRASH_ACTION, sentCounter, converged, busyCalls, CRASH_LIMIT,
                (System.nanoTime() - scenarioStarted) / 1e9, windows.get(0), windows.get(1));
    }

    private long crashCalls(final int node, final long after) {
        return count(call -> call.action().equals(CRASH_ACTION) && call.node() == node && call.nanos() >= after);
    }

    /** The first slot of the node at or after {@code from} that matches. */
    private static long firstAfter(final List<GrantedPermits.Grant> grants, final int node, final long from, final Predicate<GrantedPermits.Grant> matching) {
        return grants.stream().filter(grant -> grant.node() == node && grant.slotNanos() >= from && matching.test(grant))
                .mapToLong(GrantedPermits.Grant::slotNanos).min().orElseThrow(() -> new AssertionError("no such slot of node " + node));
    }

    /**
     * Receives from an output port until the connection into it is empty on every node: Site-to-Site picks one node per
     * transaction and may come back empty-handed from one while the other still holds FlowFiles, so each round asks
     * through every node.
     */
    private List<SiteToSite.Received> receiveAll(final NiFiRestClient api, final Connectable port, final String into)
            throws IOException, InterruptedException {
        final List<SiteToSite.Received> received = new ArrayList<>();
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            for (final ClusterRig.Node node : cluster.nodes()) {
                received.addAll(SiteToSite.receive(node.baseUrl(), port.id()));
            }
            if (api.queuedCount(into) == 0) {
                return received;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(api.queuedCount(into) + " FlowFiles still queued for port " + port.id() + " after 120 s; received " + received.size());
            }
            Thread.sleep(300);
        }
    }

    private static long budgetLeased(final NiFiRestClient via, final String serviceId) throws IOException {
        for (final JsonNode entry : via.controllerServiceState(serviceId).at("/componentState/clusterState/state")) {
            if (entry.get("key").asText().equals("budget.leased")) {
                return entry.get("value").asLong();
            }
        }
        return 0;
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
        return leases(rest, serviceId);
    }

    private static int leases(final NiFiRestClient via, final String serviceId) {
        try {
            int leases = 0;
            for (final JsonNode entry : via.controllerServiceState(serviceId).at("/componentState/clusterState/state")) {
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
