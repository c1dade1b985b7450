package dev.nifiocr.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A NiFi 2.3.0 cluster on loopback: nodes assembled like {@link NiFiRig} (sharing its lib/ and extensions/, so the nifi-ocr
 * NAR is on every node), each in its own directory with its own web, cluster protocol, load balance and management ports,
 * coordinated through a ZooKeeper the caller runs. Stopped with every node's process tree, also when a test fails.
 */
public final class ClusterRig implements AutoCloseable {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    /** One node: its directory, web port, process and REST client. */
    public record Node(int index, Path directory, int webPort, Process process, NiFiRestClient client) {

        public String baseUrl() {
            return "http://127.0.0.1:" + webPort + "/nifi";
        }

        /** Resident memory of the node's JVM in MiB (Linux), -1 when not readable. */
        public long residentMebibytes() {
            try {
                for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (final IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }

    // a port found free can be taken (e.g. as the local port of an outgoing connection) before the node binds it: the
    // cluster is then started again, on new ports, this many times in all
    private static final int START_ATTEMPTS = 3;

    private final List<Node> nodes;
    private final Path assembled;
    private final int zookeeperPort;
    private final List<Map<String, String>> environments;

    private ClusterRig(final List<Node> nodes, final Path assembled, final int zookeeperPort, final List<Map<String, String>> environments) {
        this.nodes = nodes;
        this.assembled = assembled;
        this.zookeeperPort = zookeeperPort;
        this.environments = environments;
    }

    /**
     * Starts one node per environment map (given to that node's process, e.g. for Expression Language that differs per
     * node) and waits until all are connected and have loaded the nifi-ocr bundle.
     *
     * @param assembled the single-node rig directory (lib/ and extensions/)
     * @param directory where the nodes' directories go; emptied first
     * @param zookeeperPort the ZooKeeper on 127.0.0.1 the nodes use for leader election and cluster state
     * @param timeout for each start of the cluster: it is started again, on new ports, when a node finds a port taken
     */
    public static ClusterRig start(final Path assembled, final Path directory, final int zookeeperPort, final List<Map<String, String>> environments,
                                   final Duration timeout) throws IOException, InterruptedException {
        if (!Files.isDirectory(assembled.resolve("lib")) || !Files.isDirectory(assembled.resolve("extensions"))) {
            throw new IllegalStateException("No NiFi assembled in " + assembled + ": run ./mvnw -B verify (or -pl nifi-ocr-integration-tests -am test-compile) first");
        }
        NiFiRig.deleteRecursively(directory);
        final List<Node> nodes = new ArrayList<>();
        final ClusterRig rig = new ClusterRig(nodes, assembled, zookeeperPort, environments);
        Runtime.getRuntime().addShutdownHook(new Thread(rig::close));
        try {
            for (int i = 0; i < environments.size(); i++) {
                nodes.add(rig.launch(i + 1, directory.resolve("node-" + (i + 1))));
            }
            rig.awaitConnected(nodes.size(), timeout);
        } catch (final IOException | InterruptedException | RuntimeException e) {
            rig.close();
            throw e;
        }
        return rig;
    }

    private Node launch(final int index, final Path nodeDirectory) throws IOException {
        NiFiRig.deleteRecursively(nodeDirectory);
        final int webPort = NiFiRig.freePort();
        writeConfiguration(assembled, nodeDirectory, webPort, zookeeperPort, environments.size());
        final Process process = NiFiRig.launch(nodeDirectory, environments.get(index - 1));
        return new Node(index, nodeDirectory, webPort, process, new NiFiRestClient("http://127.0.0.1:" + webPort + "/nifi"));
    }

    private static void writeConfiguration(final Path assembled, final Path nodeDirectory, final int webPort, final int zookeeperPort, final int nodeCount)
            throws IOException {
        Files.createDirectories(nodeDirectory.resolve("conf"));
        Files.createDirectories(nodeDirectory.resolve("logs"));
        Files.createSymbolicLink(nodeDirectory.resolve("lib"), assembled.resolve("lib").toAbsolutePath());
        Files.createSymbolicLink(nodeDirectory.resolve("extensions"), assembled.resolve("extensions").toAbsolutePath());
        final Map<String, String> values = Map.of("${http.port}", Integer.toString(webPort), "${protocol.port}", Integer.toString(NiFiRig.freePort()),
                "${load.balance.port}", Integer.toString(NiFiRig.freePort()), "${zookeeper.port}", Integer.toString(zookeeperPort),
                "${nodes}", Integer.toString(nodeCount));
        for (final String name : NiFiRig.CONF_FILES) {
            String text = name.equals("state-management.xml") ? NiFiRig.resource("/nifi-cluster-conf/" + name) : NiFiRig.resource("/nifi-conf/" + name);
            if (name.equals("nifi.properties")) {
                text = withOverrides(text, NiFiRig.resource("/nifi-cluster-conf/cluster.properties"));
            }
            if (name.equals("logback.xml")) {
                // every permit the limiters grant, which a cluster test compares with the calls' arrival
                text = NiFiRig.withPermitsLogged(text);
            }
            for (final Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace(value.getKey(), value.getValue());
            }
            Files.writeString(nodeDirectory.resolve("conf").resolve(name), text);
        }
    }

    /** The properties text with each key of {@code overrides} set to its value there: replaced in place, or appended. */
    static String withOverrides(final String properties, final String overrides) throws IOException {
        final Properties parsed = new Properties();
        parsed.load(new StringReader(overrides));
        final Map<String, String> remaining = new LinkedHashMap<>();
        parsed.stringPropertyNames().stream().sorted().forEach(key -> remaining.put(key, parsed.getProperty(key)));
        final String replaced = properties.lines().map(line -> {
            final int equals = line.indexOf('=');
            final String key = equals < 0 || line.startsWith("#") ? null : line.substring(0, equals).trim();
            return key != null && remaining.containsKey(key) ? key + "=" + remaining.remove(key) : line;
        }).collect(Collectors.joining("\n"));
        final StringBuilder text = new StringBuilder(replaced).append('\n');
        remaining.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private void awaitConnected(final int expected, final Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int starts = 1;
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            final Node exited = nodes.stream().filter(node -> !node.process().isAlive()).findFirst().orElse(null);
            if (exited != null) {
                // NiFi logs why it stopped to nifi-app.log; the JVM's own complaints go to stdout
                final String logs = read(exited.directory().resolve("logs/nifi-app.log")) + read(exited.directory().resolve("logs/nifi-stdout.log"));
                if (!logs.contains("java.net.BindException") || ++starts > START_ATTEMPTS) {
                    throw new IllegalStateException("Node " + exited.index() + " exited with " + exited.process().exitValue() + " ("
                            + logs.lines().filter(line -> line.contains(" ERROR ")).findFirst().orElse("no ERROR logged") + "); see "
                            + exited.directory().resolve("logs"));
                }
                // Every node again, not only this one: the others may have joined the cluster it coordinated before it died,
                // and a node synchronises its NARs with that coordinator before it connects, retrying for minutes.
                close();
                for (int i = 0; i < nodes.size(); i++) {
                    nodes.set(i, launch(i + 1, nodes.get(i).directory()));
                }
                deadline = Instant.now().plus(timeout);
                continue;
            }
            try {
                final int connected = connectedNodes();
                last = connected + " of " + expected + " nodes connected";
                if (connected == expected && bundleLoadedEverywhere()) {
                    return;
                }
            } catch (final IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Cluster not ready within " + timeout + " (" + last + "); see the nodes' logs under " + nodes.get(0).directory().getParent());
    }

    private static String read(final Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private boolean bundleLoadedEverywhere() throws IOException {
        for (final Node node : nodes) {
            if (!node.client().processorTypes().contains("dev.nifiocr.processors.InvokeTencentOCR")) {
                return false;
            }
        }
        return true;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(final int index) {
        return nodes.get(index - 1);
    }

    /** Connected nodes as the cluster coordinator counts them (answers also before the cluster has formed). */
    public int connectedNodes() throws IOException {
        return nodes.get(0).client().get("/flow/cluster/summary").at("/clusterSummary/connectedNodeCount").asInt();
    }

    /** Each node's connection status (CONNECTED, DISCONNECTED, CONNECTING...), as the cluster coordinator sees it, asked through {@code via}. */
    public Map<Integer, String> statuses(final Node via) throws IOException {
        final Map<Integer, String> statuses = new LinkedHashMap<>();
        for (final JsonNode entry : via.client().get("/controller/cluster").at("/cluster/nodes")) {
            for (final Node node : nodes) {
                if (entry.get("apiPort").asInt() == node.webPort()) {
                    statuses.put(node.index(), entry.get("status").asText());
                }
            }
        }
        return statuses;
    }

    /** Asks the cluster, through another node, to disconnect the node; it keeps running its flow, on its own. */
    public void disconnect(final Node node) throws IOException {
        setStatus(node, "DISCONNECTING");
    }

    /** Asks the cluster, through another node, to take the node back. */
    public void reconnect(final Node node) throws IOException {
        setStatus(node, "CONNECTING");
    }

    /** Waits until the node has the status, as the other nodes see it. */
    public void awaitStatus(final Node node, final String status, final Duration timeout) throws IOException, InterruptedException {
        final Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = statuses(other(node)).get(node.index());
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Node " + node.index() + " is " + last + ", not " + status + ", after " + timeout);
    }

    private void setStatus(final Node node, final String status) throws IOException {
        final NiFiRestClient via = other(node).client();
        String nodeId = null;
        for (final JsonNode entry : via.get("/controller/cluster").at("/cluster/nodes")) {
            if (entry.get("apiPort").asInt() == node.webPort()) {
                nodeId = entry.get("nodeId").asText();
            }
        }
        if (nodeId == null) {
            throw new IllegalStateException("The cluster does not know node " + node.index());
        }
        final ObjectNode body = OBJECT_MAPPER.createObjectNode();
        body.putObject("node").put("nodeId", nodeId).put("status", status);
        via.put("/controller/cluster/nodes/" + nodeId, body);
    }

    /** Each node's roles ("Primary Node", "Cluster Coordinator"), as the cluster sees them, asked through {@code via}. */
    public Map<Integer, List<String>> roles(final Node via) throws IOException {
        final Map<Integer, List<String>> roles = new LinkedHashMap<>();
        for (final JsonNode entry : via.client().get("/controller/cluster").at("/cluster/nodes")) {
            for (final Node node : nodes) {
                if (entry.get("apiPort").asInt() == node.webPort()) {
                    final List<String> held = new ArrayList<>();
                    entry.path("roles").forEach(role -> held.add(role.asText()));
                    roles.put(node.index(), held);
                }
            }
        }
        return roles;
    }

    /** Kills the node's JVM as {@code kill -9} does (SIGKILL: no shutdown hook, nothing flushed) and waits until it is gone. */
    public void kill(final Node node) throws InterruptedException {
        node.process().destroyForcibly();
        if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Node " + node.index() + " still runs 30 s after SIGKILL");
        }
    }

    /**
     * Starts a stopped (or killed) node again on its own directory, ports and repositories, and waits until the cluster
     * has it CONNECTED again with the bundle loaded.
     *
     * @return the node with its new process
     */
    public Node restart(final Node node, final Duration timeout) throws IOException, InterruptedException {
        final Process process = NiFiRig.launch(node.directory(), environments.get(node.index() - 1));
        final Node restarted = new Node(node.index(), node.directory(), node.webPort(), process, node.client());
        nodes.set(node.index() - 1, restarted);
        final Instant deadline = Instant.now().plus(timeout);
        String last = "not answering";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + node.index() + " exited with " + process.exitValue() + " on restart; see " + node.directory().resolve("logs"));
            }
            try {
                last = statuses(other(restarted)).get(node.index());
                if ("CONNECTED".equals(last) && restarted.client().processorTypes().contains("dev.nifiocr.processors.InvokeTencentOCR")) {
                    return restarted;
                }
            } catch (final IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Node " + node.index() + " not connected again within " + timeout + " (" + last + ")");
    }

    /** Creates a process group in {@code parentId} and returns its id. */
    public static String createProcessGroup(final NiFiRestClient client, final String parentId, final String name, final int x, final int y)
            throws IOException {
        final ObjectNode entity = OBJECT_MAPPER.createObjectNode();
        entity.putObject("revision").put("version", 0);
        final ObjectNode component = entity.putObject("component").put("name", name);
        component.putObject("position").put("x", x).put("y", y);
        return client.post("/process-groups/" + parentId + "/process-groups", entity).get("id").asText();
    }

    /**
     * Changes a processor's scheduling: its Run Schedule and where it runs (ALL nodes, or PRIMARY only), as a flow
     * designer sets them in the processor's Scheduling tab.
     */
    public static void schedule(final NiFiRestClient client, final String processorId, final String runSchedule, final String executionNode)
            throws IOException {
        final ObjectNode body = OBJECT_MAPPER.createObjectNode();
        body.set("revision", client.processor(processorId).get("revision"));
        body.putObject("component").put("id", processorId).putObject("config").put("schedulingPeriod", runSchedule).put("executionNode", executionNode);
        client.put("/processors/" + processorId, body);
    }

    private Node other(final Node node) {
        return nodes.stream().filter(candidate -> candidate != node).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(node -> NiFiRig.stop(node.process()));
    }
}
