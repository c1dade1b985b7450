package dev.nifiocr.integration;

import dev.nifiocr.emulator.TemporaryCredentialsIssuer;
import dev.nifiocr.rig.NiFiRestClient.Connectable;
import dev.nifiocr.rig.SiteToSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NiFi restarted as an operator restarts it, on the same directory and port, with a flow that holds three enabled client
 * services (static keys, Assume Role against the emulator's STS, CVM instance role against its metadata service), each
 * used by a running InvokeTencentOCR whose queue is backed up: FlowFiles wait in front of it and behind it (the
 * success connection is full, so NiFi does not schedule it). The restarts are compared with one of the same NiFi and
 * flow with the services disabled. Then once more with STS and the metadata service down while NiFi starts.
 * Each FlowFile carries a unique {@value #ID} and must come out exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final String ID = "restart.id";
    private static final String UNAVAILABLE = "Client.CredentialsUnavailable";
    /** FlowFiles sent to each processor per round, and how many its success connection holds before back pressure. */
    private static final int PER_PROCESSOR = 20;
    private static final int BACKLOG = 10;
    /** How much slower than the same NiFi without the bundle's services a start may be. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final String ENABLING = "StandardProcessScheduler Enabling StandardControllerServiceNode";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** One client service and the processor that uses it, with their ports and connections. */
    private record Lane(String name, String service, Connectable input, Connectable invoke, String inputQueue, String successQueue) {
    }

    /**
     * How long a restart took: from NiFi's launch until it was ready (its JVM, NARs and web server take most of it, the same
     * whatever the flow, and vary by several seconds from run to run on a busy machine); how long NiFi took to start its
     * flow controller (from its log: restore the flow and the queued FlowFiles, enable the services, schedule the
     * processors); and, within that, how long it took enabling the services (from its first "Enabling" to the end of the
     * flow's synchronisation, which waits for them; zero without services): what the services add to the start.
     */
    private record Startup(Duration total, Duration flowController, Duration enabling) {

        String comparedWith(final Startup baseline) {
            return ("%.1f s, its flow controller in %.1f s, enabling the services %.1f s of it (without the services: %.1f s and %.1f s; "
                    + "ratio %.2f and %.2f, difference %+.1f s and %+.1f s)").formatted(seconds(total), seconds(flowController), seconds(enabling),
                    seconds(baseline.total()), seconds(baseline.flowController()), seconds(total) / seconds(baseline.total()),
                    seconds(flowController) / seconds(baseline.flowController()), seconds(total) - seconds(baseline.total()),
                    seconds(flowController) - seconds(baseline.flowController()));
        }

        /**
         * What the services add to the start is within the margin. The whole starts are compared in the figures only:
         * their difference is mostly the machine's load while each JVM started.
         */
        void assertWithinMarginOf(final Startup baseline) {
            assertTrue(enabling.compareTo(MARGIN) <= 0, "started in " + comparedWith(baseline));
        }
    }

    @RegisterExtension
    static final NiFiFixture nifi = NiFiFixture.forRestarts();

    private Connectable results;
    private Connectable failed;
    private final List<Lane> lanes = new ArrayList<>();
    private Startup withoutServices;

    @BeforeAll
    void buildTheFlowAndQueueFlowFiles() throws Exception {
        nifi.emulator().exampleAnswersOnly(true); // about restarting, not about reading
        results = nifi.rest().createPort(nifi.root(), false, "results", 0, 900);
        failed = nifi.rest().createPort(nifi.root(), false, "failed", 900, 900);
        final String endpoint = nifi.emulator().endpoint();
        lane("static keys", Map.of(), Map.of(), 0);
        lane("assume role", Map.of("Assume Role ARN", "qcs::cam::uin/100000000001:roleName/nifi-ocr", "STS Endpoint", endpoint), Map.of(), 600);
        // the instance role's processor retries what it cannot send for want of credentials: its FlowFiles wait, the
        // Assume Role processor's go to failure, as documented
        lane("instance role", Map.of("Credentials Strategy", "CVM Instance Role", "Metadata URL", endpoint + "/latest/meta-data/"),
                Map.of("Retry Error Codes", UNAVAILABLE), 1200);
        nifi.rest().setPortState(results, "RUNNING");
        nifi.rest().setPortState(failed, "RUNNING");
        for (final Lane lane : lanes) {
            nifi.rest().setPortState(lane.input(), "RUNNING");
        }
        send("round 1");
        nifi.await(() -> lanes.stream().allMatch(lane -> nifi.queued(lane.inputQueue()) == PER_PROCESSOR), "every FlowFile queued");
    }

    private void lane(final String name, final Map<String, String> credentials, final Map<String, String> invokeProperties,
                      final int x) throws Exception {
        final Map<String, String> properties = new TreeMap<>(credentials);
        properties.put("Rate Limit per Account", "50");
        // created disabled: the first restart is the one without the services
        final String service = nifi.rest().createControllerService(nifi.root(), NiFiFixture.SERVICE_TYPE, "Tencent " + name, nifi.serviceProperties(properties));
        final Connectable input = nifi.rest().createPort(nifi.root(), true, "in " + name, x, 0);
        final Map<String, String> invoke = new TreeMap<>(invokeProperties);
        invoke.putAll(Map.of("Tencent Cloud Client Service", service, "Request Source", "Image URL", "Image URL", "https://example.com/scan.png"));
        final Connectable processor = nifi.rest().createProcessor(nifi.root(), "dev.nifiocr.processors.InvokeTencentOCR", "Invoke " + name, invoke,
                List.of("original"), x, 300);
        final String inputQueue = nifi.rest().connect(input, processor, List.of());
        final String successQueue = nifi.rest().connect(processor, results, List.of("success"), BACKLOG);
        nifi.rest().connect(processor, failed, List.of("failure"));
        nifi.rest().connect(processor, processor, List.of("retry"));
        lanes.add(new Lane(name, service, input, processor, inputQueue, successQueue));
    }

    /** The same NiFi and flow with the bundle's services disabled (and so its processors stopped): the start to compare with. */
    @Test
    @Order(1)
    void restartsWithTheServicesDisabled() throws Exception {
        withoutServices = restart(() -> lanes.stream().allMatch(lane -> nifi.queued(lane.inputQueue()) == PER_PROCESSOR));
        final String log = nifi.rig().appLogSinceLaunch();
        System.out.printf("RestartIT: NiFi with the flow, %d FlowFiles queued and the 3 client services disabled started in %.1f s, "
                + "its flow controller in %.1f s%n", lanes.size() * PER_PROCESSOR, seconds(withoutServices.total()),
                seconds(withoutServices.flowController()));
        assertEquals(List.of(), errorLines(log));
        for (final Lane lane : lanes) {
            assertEquals("DISABLED", serviceState(lane.service()));
        }
    }

    @Test
    @Order(2)
    void restartsWithThreeEnabledServicesAndQueuedFlowFilesWithoutAStallOrAnError() throws Exception {
        for (final Lane lane : lanes) {
            nifi.rest().enableControllerService(lane.service(), Duration.ofSeconds(30));
            nifi.rest().setProcessorState(lane.invoke().id(), "RUNNING");
        }
        awaitBackedUp();

        final Startup withServices = restart(this::everyServiceEnabled);
        assertEveryProcessorRunning();
        final Drained out = drain("round 1", List.of(), List.of(), false);
        final String log = nifi.rig().appLogSinceLaunch();
        System.out.printf("RestartIT: the same NiFi with the 3 client services enabled and their processors running started in %s; "
                        + "%d FlowFiles sent, %d out, each once (%d calls answered by the emulator)%n", withServices.comparedWith(withoutServices),
                lanes.size() * PER_PROCESSOR, out.results().size(), nifi.emulator().calls("GeneralBasicOCR success"));
        assertEquals(List.of(), errorLines(log));
        assertEquals(List.of(), out.failed().stream().map(f -> f.attributes().get(ID) + " " + f.attributes().get("tencent.ocr.error.code")).toList());
        withServices.assertWithinMarginOf(withoutServices);
    }

    /**
     * STS and the metadata service down while NiFi starts: the services enable all the same; the Assume Role processor's
     * FlowFiles go to failure with Client.CredentialsUnavailable, the instance role's wait in retry (its Retry Error
     * Codes), static keys work throughout; once the credentials are back, every FlowFile passes.
     */
    @Test
    @Order(3)
    void enablesWithStsAndTheMetadataServiceDownAndRecovers() throws Exception {
        send("round 2");
        awaitBackedUp();
        final TemporaryCredentialsIssuer issuer = nifi.emulator().temporaryCredentials();
        issuer.down(true);
        final Startup startup;
        final List<SiteToSite.Received> failures = new ArrayList<>();
        final List<String> passed = new ArrayList<>();
        final long downAnswers;
        try {
            startup = restart(this::everyServiceEnabled);
            assertEveryProcessorRunning();
            // take what the processors left behind them before the restart: they run again, without credentials
            nifi.await(() -> {
                passed.addAll(ids(nifi.receive(results)));
                failures.addAll(nifi.receive(failed));
                return !failures.isEmpty() && nifi.bulletins().stream().anyMatch(b -> b.contains("Invoke instance role") && b.contains(UNAVAILABLE));
            }, "a failure from the Assume Role processor and a retry from the instance role's");
            downAnswers = issuer.answeredDown();
        } finally {
            issuer.down(false);
        }
        final long back = System.nanoTime();
        final Drained out = drain("round 2", passed, failures, true);
        final double recovered = (System.nanoTime() - back) / 1e9;
        final String log = nifi.rig().appLogSinceLaunch();
        System.out.printf("RestartIT: with STS and the metadata service down, NiFi with the 3 client services enabled started in %s; "
                        + "every service enabled; %d requests to them answered 503 while down; %d Assume Role FlowFiles to failure with %s, "
                        + "sent again once STS was back; %d FlowFiles out, each once, all within %.1f s of STS coming back%n",
                startup.comparedWith(withoutServices), downAnswers, out.failed().size(), UNAVAILABLE, out.results().size(), recovered);
        for (final SiteToSite.Received failure : out.failed()) {
            assertEquals(UNAVAILABLE, failure.attributes().get("tencent.ocr.error.code"), failure.attributes().toString());
            assertTrue(failure.attributes().get(ID).startsWith("round 2 assume role"), failure.attributes().toString());
        }
        assertTrue(downAnswers > 0);
        // the one kind of ERROR line: the Assume Role processor's FlowFiles routed to failure for want of credentials
        assertEquals(List.of(), errorLines(log).stream().filter(line -> !line.contains("[" + UNAVAILABLE + "] to failure")).toList());
        startup.assertWithinMarginOf(withoutServices);
    }

    /**
     * Restarts NiFi and waits until {@code ready}. NiFi enables the services, under its flow lock, while it starts its flow
     * controller and before it serves the REST API: a service that stalls enabling delays both figures.
     */
    private Startup restart(final BooleanSupplier ready) throws Exception {
        final Duration launched = nifi.restart();
        final long answered = System.nanoTime();
        try {
            nifi.await(ready, "NiFi ready after its restart");
        } catch (final AssertionError e) {
            throw new AssertionError(e.getMessage() + "; services " + lanes.stream().map(lane -> serviceState(lane.service())).toList()
                    + "; ERROR lines " + errorLines(nifi.rig().appLogSinceLaunch()), e);
        }
        final Duration total = launched.plusNanos(System.nanoTime() - answered);
        final String log = nifi.rig().appLogSinceLaunch();
        final LocalDateTime synchronised = logTime(log, "Successfully synchronized dataflow");
        return new Startup(total, Duration.between(logTime(log, "Starting Flow Controller..."), logTime(log, "Flow Controller started successfully.")),
                log.contains(ENABLING) ? Duration.between(logTime(log, ENABLING), synchronised) : Duration.ZERO);
    }

    /** When NiFi logged the first line with the text since its launch. */
    private static LocalDateTime logTime(final String log, final String text) {
        final String line = log.lines().filter(candidate -> candidate.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("NiFi did not log " + text));
        return LocalDateTime.parse(line.substring(0, "yyyy-MM-dd HH:mm:ss,SSS".length()), LOG_TIME);
    }

    private boolean everyServiceEnabled() {
        return lanes.stream().allMatch(lane -> "ENABLED".equals(serviceState(lane.service())));
    }

    private void assertEveryProcessorRunning() throws Exception {
        for (final Lane lane : lanes) {
            assertEquals("RUNNING", nifi.rest().processor(lane.invoke().id()).at("/component/state").asText(), lane.name());
        }
    }

    private String serviceState(final String service) {
        try {
            return nifi.rest().controllerService(service).at("/component/state").asText();
        } catch (final Exception e) {
            return "not answering yet: " + e.getMessage();
        }
    }

    /** Waits until every processor has filled its success connection and still has FlowFiles waiting in front of it. */
    private void awaitBackedUp() throws InterruptedException {
        nifi.await(() -> lanes.stream().allMatch(lane -> nifi.queued(lane.successQueue()) >= BACKLOG && nifi.queued(lane.inputQueue()) > 0), "back pressure");
    }

    /** What came out of a round: the ids on results (with repeats, if any) and the FlowFiles on failed. */
    private record Drained(List<String> results, List<SiteToSite.Received> failed) {
    }

    /**
     * Receives from both output ports until every FlowFile of the round has come out on results, counting those already
     * out; with {@code sendFailuresAgain}, what comes out on failed (and the failures given) is sent in again, as an
     * operator replays failures. Checks that each FlowFile of the round came out on results exactly once.
     */
    private Drained drain(final String round, final List<String> alreadyOut, final List<SiteToSite.Received> failedBefore,
                          final boolean sendFailuresAgain) throws Exception {
        final List<String> out = new ArrayList<>(alreadyOut);
        final List<SiteToSite.Received> failures = new ArrayList<>(failedBefore);
        final List<SiteToSite.Received> pending = new ArrayList<>(sendFailuresAgain ? failedBefore : List.of());
        final List<String> expected = expectedIds(round);
        nifi.await(() -> {
            for (final SiteToSite.Received failure : pending) {
                final String id = failure.attributes().get(ID);
                final Lane lane = lanes.stream().filter(candidate -> id.startsWith(round + " " + candidate.name())).findFirst().orElseThrow();
                send(lane, List.of(Map.of(ID, id, "filename", failure.attributes().get("filename"))));
            }
            pending.clear();
            out.addAll(ids(nifi.receive(results)));
            final List<SiteToSite.Received> more = nifi.receive(failed);
            failures.addAll(more);
            if (sendFailuresAgain) {
                pending.addAll(more);
            }
            return out.size() >= expected.size();
        }, "every FlowFile of " + round + " on results");
        Thread.sleep(1000); // a FlowFile out twice would show now
        out.addAll(ids(nifi.receive(results)));
        failures.addAll(nifi.receive(failed));
        assertEquals(expected, out.stream().sorted().toList());
        return new Drained(out, failures);
    }

    private void send(final String round) {
        for (final Lane lane : lanes) {
            send(lane, IntStream.range(0, PER_PROCESSOR).mapToObj(i -> Map.of(ID, id(round, lane, i), "filename", "scan-" + i + ".png")).toList());
        }
    }

    /** One FlowFile per attribute map; their content does not matter, the processor sends its Image URL. */
    private void send(final Lane lane, final List<Map<String, String>> attributes) {
        nifi.send(lane.input(), attributes.stream().map(a -> "scan".getBytes(StandardCharsets.US_ASCII)).toList(), attributes);
    }

    private List<String> expectedIds(final String round) {
        return lanes.stream().flatMap(lane -> IntStream.range(0, PER_PROCESSOR).mapToObj(i -> id(round, lane, i))).sorted().toList();
    }

    private static String id(final String round, final Lane lane, final int i) {
        return "%s %s %02d".formatted(round, lane.name(), i);
    }

    private static List<String> ids(final List<SiteToSite.Received> received) {
        return received.stream().map(flowFile -> flowFile.attributes().get(ID)).toList();
    }

    /** The log's ERROR lines (not the stack traces under them). */
    private static List<String> errorLines(final String log) {
        return log.lines().filter(line -> line.matches("^\\S+ \\S+ ERROR .*")).toList();
    }

    private static double seconds(final Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
