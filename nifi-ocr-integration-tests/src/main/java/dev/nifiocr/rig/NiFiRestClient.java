package dev.nifiocr.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The few NiFi REST API calls the tests and the demo need, on an unsecured NiFi. */
public final class NiFiRestClient {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String CLIENT_ID = UUID.randomUUID().toString();

    private final String api;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();

    NiFiRestClient(final String baseUrl) {
        this.api = baseUrl + "-api";
    }

    /** A component to connect: its id, group and connectable type (PROCESSOR, INPUT_PORT, OUTPUT_PORT). */
    public record Connectable(String id, String groupId, String type) {
    }

    public String processorTypes() throws IOException {
        return get("/flow/processor-types").toString();
    }

    /** The bundle (group, artifact, version) that provides a component type. */
    public JsonNode bundleOf(final String type) throws IOException {
        for (final String kind : List.of("processor-types", "controller-service-types")) {
            final JsonNode types = get("/flow/" + kind);
            for (final JsonNode entry : types.get(kind.equals("processor-types") ? "processorTypes" : "controllerServiceTypes")) {
                if (entry.get("type").asText().equals(type)) {
                    return entry.get("bundle");
                }
            }
        }
        throw new IllegalArgumentException("No bundle provides " + type);
    }

    public String rootGroupId() throws IOException {
        return get("/flow/process-groups/root").at("/processGroupFlow/id").asText();
    }

    public String createControllerService(final String groupId, final String type, final String name, final Map<String, String> properties) throws IOException {
        final ObjectNode component = OBJECT_MAPPER.createObjectNode().put("type", type).put("name", name);
        component.set("bundle", bundleOf(type));
        component.set("properties", OBJECT_MAPPER.valueToTree(properties));
        return post("/process-groups/" + groupId + "/controller-services", entity(component)).get("id").asText();
    }

    public void enableControllerService(final String id, final Duration timeout) throws IOException, InterruptedException {
        final JsonNode current = get("/controller-services/" + id);
        final ObjectNode body = OBJECT_MAPPER.createObjectNode().put("state", "ENABLED");
        body.set("revision", revision(current));
        put("/controller-services/" + id + "/run-status", body);
        final Instant deadline = Instant.now().plus(timeout);
        while (!"ENABLED".equals(get("/controller-services/" + id).at("/component/state").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Controller service " + id + " not enabled: " + get("/controller-services/" + id).at("/component/validationErrors"));
            }
            Thread.sleep(250);
        }
    }

    /** Disables a controller service (its referencing processors must be stopped) and waits until it is. */
    public void disableControllerService(final String id, final Duration timeout) throws IOException, InterruptedException {
        final ObjectNode body = OBJECT_MAPPER.createObjectNode().put("state", "DISABLED");
        body.set("revision", revision(get("/controller-services/" + id)));
        put("/controller-services/" + id + "/run-status", body);
        final Instant deadline = Instant.now().plus(timeout);
        while (!"DISABLED".equals(get("/controller-services/" + id).at("/component/state").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Controller service " + id + " not disabled");
            }
            Thread.sleep(250);
        }
    }

    /** Sets properties of a disabled controller service. */
    public void updateControllerService(final String id, final Map<String, String> properties) throws IOException {
        final ObjectNode body = OBJECT_MAPPER.createObjectNode();
        body.set("revision", revision(get("/controller-services/" + id)));
        body.putObject("component").put("id", id).set("properties", OBJECT_MAPPER.valueToTree(properties));
        put("/controller-services/" + id, body);
    }

    public JsonNode controllerService(final String id) throws IOException {
        return get("/controller-services/" + id);
    }

    public Connectable createProcessor(final String groupId, final String type, final String name, final Map<String, String> properties,
                                       final List<String> autoTerminated, final int x, final int y) throws IOException {
        final ObjectNode config = OBJECT_MAPPER.createObjectNode().put("schedulingPeriod", "0 sec").put("penaltyDuration", "1 sec")
                .put("yieldDuration", "1 sec");
        config.set("properties", OBJECT_MAPPER.valueToTree(properties));
        config.set("autoTerminatedRelationships", OBJECT_MAPPER.valueToTree(autoTerminated));
        final ObjectNode component = OBJECT_MAPPER.createObjectNode().put("type", type).put("name", name);
        component.set("bundle", bundleOf(type));
        component.set("config", config);
        component.set("position", position(x, y));
        return new Connectable(post("/process-groups/" + groupId + "/processors", entity(component)).get("id").asText(), groupId, "PROCESSOR");
    }

    public JsonNode processor(final String id) throws IOException {
        return get("/processors/" + id);
    }

    /** The processor's validation status once NiFi has finished validating it (VALID or INVALID); validation runs in the background. */
    public String validationStatus(final String id, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String status = processor(id).at("/component/validationStatus").asText();
        while ("VALIDATING".equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = processor(id).at("/component/validationStatus").asText();
        }
        return status;
    }

    /** Sets how many tasks of a processor may run at once. */
    public void setConcurrentTasks(final String processorId, final int tasks) throws IOException {
        final JsonNode current = processor(processorId);
        final ObjectNode body = OBJECT_MAPPER.createObjectNode();
        body.set("revision", revision(current));
        body.putObject("component").put("id", processorId).putObject("config").put("concurrentlySchedulableTaskCount", tasks);
        put("/processors/" + processorId, body);
    }

    /** Starts (RUNNING) or stops (STOPPED) one processor. */
    public void setProcessorState(final String processorId, final String state) throws IOException {
        final ObjectNode body = OBJECT_MAPPER.createObjectNode().put("state", state);
        body.set("revision", revision(processor(processorId)));
        put("/processors/" + processorId + "/run-status", body);
    }

    /** How many FlowFiles a connection holds now. */
    public long queuedCount(final String connectionId) throws IOException {
        return get("/flow/connections/" + connectionId + "/status").at("/connectionStatus/aggregateSnapshot/flowFilesQueued").asLong();
    }

    public Connectable createPort(final String groupId, final boolean input, final String name, final int x, final int y) throws IOException {
        final ObjectNode component = OBJECT_MAPPER.createObjectNode().put("name", name).put("allowRemoteAccess", true);
        component.set("position", position(x, y));
        final String kind = input ? "input-ports" : "output-ports";
        final String id = post("/process-groups/" + groupId + "/" + kind, entity(component)).get("id").asText();
        return new Connectable(id, groupId, input ? "INPUT_PORT" : "OUTPUT_PORT");
    }

    public String connect(final Connectable source, final Connectable destination, final List<String> relationships) throws IOException {
        return post("/process-groups/" + source.groupId() + "/connections", entity(connection(source, destination, relationships))).get("id").asText();
    }

    /** A connection that holds at most {@code backPressureObjects} FlowFiles before NiFi stops scheduling its source. */
    public String connect(final Connectable source, final Connectable destination, final List<String> relationships, final long backPressureObjects)
            throws IOException {
        final ObjectNode component = connection(source, destination, relationships).put("backPressureObjectThreshold", backPressureObjects);
        return post("/process-groups/" + source.groupId() + "/connections", entity(component)).get("id").asText();
    }

    private static ObjectNode connection(final Connectable source, final Connectable destination, final List<String> relationships) {
        final ObjectNode component = OBJECT_MAPPER.createObjectNode();
        component.set("source", OBJECT_MAPPER.valueToTree(source));
        component.set("destination", OBJECT_MAPPER.valueToTree(destination));
        component.set("selectedRelationships", OBJECT_MAPPER.valueToTree(relationships));
        return component;
    }

    /** Sets how a connection spreads its FlowFiles over a cluster's nodes: DO_NOT_LOAD_BALANCE, ROUND_ROBIN, SINGLE_NODE... */
    public void setLoadBalanceStrategy(final String connectionId, final String strategy) throws IOException {
        final JsonNode current = get("/connections/" + connectionId);
        final ObjectNode body = OBJECT_MAPPER.createObjectNode();
        body.set("revision", revision(current));
        body.putObject("component").put("id", connectionId).put("loadBalanceStrategy", strategy);
        put("/connections/" + connectionId, body);
    }

    /** Starts (RUNNING) or stops (STOPPED) one input or output port. */
    public void setPortState(final Connectable port, final String state) throws IOException {
        final String kind = port.type().equals("INPUT_PORT") ? "/input-ports/" : "/output-ports/";
        final ObjectNode body = OBJECT_MAPPER.createObjectNode().put("state", state);
        body.set("revision", revision(get(kind + port.id())));
        put(kind + port.id() + "/run-status", body);
    }

    /** A controller service's stored state: /componentState/localState and /componentState/clusterState. */
    public JsonNode controllerServiceState(final String id) throws IOException {
        return get("/controller-services/" + id + "/state");
    }

    public void setGroupState(final String groupId, final String state) throws IOException {
        put("/flow/process-groups/" + groupId, OBJECT_MAPPER.createObjectNode().put("id", groupId).put("state", state));
    }

    /** The group's flow: processors, ports, connections with their status. */
    public JsonNode groupFlow(final String groupId) throws IOException {
        return get("/flow/process-groups/" + groupId).at("/processGroupFlow/flow");
    }

    /**
     * Sets parameter values of a Parameter Context by name, through NiFi's asynchronous update request (which stops
     * and restarts what references them), and waits for it to finish.
     */
    public void setParameters(final String contextName, final Map<String, String> values, final Set<String> sensitive, final Duration timeout)
            throws IOException, InterruptedException {
        JsonNode context = null;
        for (final JsonNode candidate : get("/flow/parameter-contexts").get("parameterContexts")) {
            if (candidate.at("/component/name").asText().equals(contextName)) {
                context = candidate;
            }
        }
        if (context == null) {
            throw new IllegalArgumentException("No Parameter Context " + contextName);
        }
        final String id = context.get("id").asText();
        final ObjectNode body = OBJECT_MAPPER.createObjectNode().put("id", id);
        body.set("revision", revision(context));
        final ObjectNode component = body.putObject("component").put("id", id);
        final var parameters = component.putArray("parameters");
        for (final Map.Entry<String, String> value : values.entrySet()) {
            parameters.addObject().putObject("parameter").put("name", value.getKey()).put("sensitive", sensitive.contains(value.getKey()))
                    .put("value", value.getValue());
        }
        final String requestId = post("/parameter-contexts/" + id + "/update-requests", body).at("/request/requestId").asText();
        final Instant deadline = Instant.now().plus(timeout);
        JsonNode request = get("/parameter-contexts/" + id + "/update-requests/" + requestId).get("request");
        while (!request.get("complete").asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Parameter update of " + contextName + " did not finish: " + request);
            }
            Thread.sleep(250);
            request = get("/parameter-contexts/" + id + "/update-requests/" + requestId).get("request");
        }
        send(new Request.Builder().url(api + "/parameter-contexts/" + id + "/update-requests/" + requestId).delete().build());
        if (request.hasNonNull("failureReason")) {
            throw new IllegalStateException("Parameter update of " + contextName + " failed: " + request.get("failureReason").asText());
        }
    }

    /** Enables every controller service of a group (and waits until NiFi has them enabled or failing validation). */
    public void enableGroupServices(final String groupId) throws IOException {
        put("/flow/process-groups/" + groupId + "/controller-services", OBJECT_MAPPER.createObjectNode().put("id", groupId).put("state", "ENABLED"));
    }

    /** The controller services of a group, as the UI lists them. */
    public JsonNode groupControllerServices(final String groupId) throws IOException {
        return get("/flow/process-groups/" + groupId + "/controller-services?includeAncestorGroups=false&includeDescendantGroups=false")
                .get("controllerServices");
    }

    /** Counter name to value over all processors of a type (NiFi reports each counter per processor and per type; the larger is the type's). */
    public Map<String, Long> counters() throws IOException {
        final Map<String, Long> counters = new java.util.HashMap<>();
        for (final JsonNode counter : get("/counters").at("/counters/aggregateSnapshot/counters")) {
            counters.merge(counter.get("name").asText(), counter.get("valueCount").asLong(), Math::max);
        }
        return counters;
    }

    public List<String> bulletins() throws IOException {
        final List<String> bulletins = new ArrayList<>();
        for (final JsonNode bulletin : get("/flow/bulletin-board").at("/bulletinBoard/bulletins")) {
            bulletins.add(bulletin.at("/bulletin/level").asText() + " " + bulletin.at("/bulletin/sourceName").asText() + ": "
                    + bulletin.at("/bulletin/message").asText());
        }
        return bulletins;
    }

    /** Uploads a flow definition (the UI's "Upload flow definition") as a new process group; returns its id. */
    public String uploadFlowDefinition(final String parentGroupId, final String name, final Path file) throws IOException {
        final RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("groupName", name)
                .addFormDataPart("positionX", "0")
                .addFormDataPart("positionY", "0")
                .addFormDataPart("clientId", CLIENT_ID)
                .addFormDataPart("file", file.getFileName().toString(), RequestBody.create(file.toFile(), JSON))
                .build();
        return send(new Request.Builder().url(api + "/process-groups/" + parentGroupId + "/process-groups/upload").post(body).build()).get("id").asText();
    }

    private static ObjectNode entity(final ObjectNode component) {
        final ObjectNode entity = OBJECT_MAPPER.createObjectNode();
        entity.putObject("revision").put("version", 0).put("clientId", CLIENT_ID);
        entity.set("component", component);
        return entity;
    }

    private static ObjectNode revision(final JsonNode entity) {
        final ObjectNode revision = ((ObjectNode) entity.get("revision")).deepCopy();
        revision.put("clientId", CLIENT_ID);
        return revision;
    }

    private static ObjectNode position(final int x, final int y) {
        return OBJECT_MAPPER.createObjectNode().put("x", x).put("y", y);
    }

    JsonNode get(final String path) throws IOException {
        return send(new Request.Builder().url(api + path).get().build());
    }

    JsonNode post(final String path, final JsonNode body) throws IOException {
        return send(new Request.Builder().url(api + path).post(RequestBody.create(body.toString(), JSON)).build());
    }

    JsonNode put(final String path, final JsonNode body) throws IOException {
        return send(new Request.Builder().url(api + path).put(RequestBody.create(body.toString(), JSON)).build());
    }

    private JsonNode send(final Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            final String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException(request.method() + " " + request.url().encodedPath() + " answered " + response.code() + ": " + text);
            }
            return text.isEmpty() ? OBJECT_MAPPER.createObjectNode() : OBJECT_MAPPER.readTree(text);
        }
    }

}
