package dev.nifiocr.processors;

import dev.nifiocr.request.OcrAction;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** InvokeTencentOCR's counters add up over a mixed batch, and their names fit NiFi's counter table. */
class CallCountersTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
    private static final String ACTION = "GeneralBasicOCR";
    private static final List<String> ANSWERS = List.of(CallCounters.SUCCEEDED, CallCounters.NO_RESULT, CallCounters.RETRIED, CallCounters.FAILED);

    private final MockWebServer server = new MockWebServer();
    private TestRunner runner;

    @BeforeEach
    void setRunner() throws Exception {
        server.start();
        runner = TestServices.invokeRunner(server);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    @Test
    void countersAddUpOverAMixedBatch() {
        for (final String answer : List.of("GeneralBasicOCR-1.json", "error-FailedOperation.ImageNoText.json", "error-RequestLimitExceeded.json",
                "error-InternalError.json", "error-AuthFailure.SignatureFailure.json", "error-FailedOperation.ImageDecodeFailed.json")) {
            server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.text(answer)).build());
        }
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        for (int i = 0; i < 7; i++) {
            runner.enqueue(JPEG);
        }
        runner.enqueue(new byte[0]);
        runner.enqueue(new byte[8_000_000]);

        runner.run(9);

        // 7 sent: a success, a no result; throttled, internal error and HTTP 503 to retry; signature and decoding failures to failure
        assertEquals(7L, counter(CallCounters.REQUESTS_SENT));
        assertEquals(1L, counter(CallCounters.SUCCEEDED));
        assertEquals(1L, counter(CallCounters.NO_RESULT));
        assertEquals(3L, counter(CallCounters.RETRIED));
        assertEquals(2L, counter(CallCounters.FAILED));
        assertEquals(counter(CallCounters.REQUESTS_SENT), ANSWERS.stream().mapToLong(this::counter).sum(), "answers add up to requests sent");
        assertEquals(runner.getProvenanceEvents().stream().filter(event -> event.getEventType() == ProvenanceEventType.SEND).count(),
                counter(CallCounters.REQUESTS_SENT), "one SEND per request sent");
        // 2 refused: empty, and over the Action's size limit
        assertEquals(2L, counter(CallCounters.REFUSED_LOCALLY));
        assertEquals(0L, counter(CallCounters.NOT_SENT));
        assertEquals(9L, counter(CallCounters.REQUESTS_SENT) + counter(CallCounters.REFUSED_LOCALLY) + counter(CallCounters.NOT_SENT),
                "every FlowFile is sent, refused locally or not sent");
        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 2);
        runner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 2);
        runner.assertTransferCount(InvokeTencentOCR.REL_RETRY, 3);
        runner.assertTransferCount(InvokeTencentOCR.REL_FAILURE, 4);
        assertEquals(1L, runner.getCounterValue("Error RequestLimitExceeded"));
        assertEquals(1L, runner.getCounterValue("Error FailedOperation.ImageNoText"));
        assertEquals(1L, runner.getCounterValue("Error HttpStatus.503"));
        assertEquals(1L, runner.getCounterValue("Error Client.EmptyContent"));
        assertEquals(1L, runner.getCounterValue("Error Client.ImageTooLarge"));
    }

    @Test
    void aRequestThatNeverLeftIsNotSent() throws Exception {
        final ControllerService service = runner.getControllerService(TestServices.SERVICE_ID);
        runner.disableControllerService(service);
        runner.setProperty(service, StandardTencentCloudClientService.ENDPOINT, "http://127.0.0.1:" + closedPort());
        runner.enableControllerService(service);
        runner.enqueue(JPEG);

        runner.run();

        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_RETRY, 1);
        assertEquals(1L, counter(CallCounters.NOT_SENT));
        assertEquals(0L, counter(CallCounters.REQUESTS_SENT));
        assertEquals(0L, counter(CallCounters.REFUSED_LOCALLY));
        assertEquals(1L, runner.getCounterValue("Error " + TencentApiException.NETWORK_ERROR));
    }

    @Test
    void namesFitTheCounterTableForEveryAction() {
        for (final OcrAction action : OcrAction.values()) {
            for (final String counter : List.of(CallCounters.REQUESTS_SENT, CallCounters.SUCCEEDED, CallCounters.NO_RESULT, CallCounters.RETRIED,
                    CallCounters.FAILED, CallCounters.REFUSED_LOCALLY, CallCounters.NOT_SENT)) {
                final String name = CallCounters.name(action.getValue(), counter);
                assertTrue(name.length() <= CallCounters.MAX_NAME_LENGTH, name);
            }
        }
    }

    private long counter(final String counter) {
        final Long value = runner.getCounterValue(CallCounters.name(ACTION, counter));
        return value == null ? 0 : value;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
