package dev.nifiocr.processors;

import dev.nifiocr.error.ErrorCatalogue;
import dev.nifiocr.error.ErrorCode;
import dev.nifiocr.error.Outcome;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every code Tencent can answer with, as the catalogue lists it, takes the route, penalty and yield of its row through the processor. */
class CatalogueRoutingTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    static Stream<ErrorCode> tencentCodes() {
        return ErrorCatalogue.entries().stream().filter(row -> !row.family() && !row.code().startsWith("Client.")
                && !row.code().startsWith(ErrorCatalogue.HTTP_STATUS_PREFIX));
    }

    @ParameterizedTest
    @MethodSource("tencentCodes")
    void routesAnswerAsItsRowSays(final ErrorCode row) throws Exception {
        final TestRunner runner = TestServices.invokeRunner(server);
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"Response\":{\"Error\":{\"Code\":\"%s\",\"Message\":\"as Tencent says\"},\"RequestId\":\"r-1\"}}".formatted(row.code())).build());
        runner.enqueue(JPEG);

        runner.run();

        final MockFlowFile routed = switch (row.route()) {
            case SUCCESS -> {
                runner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 1);
                yield runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst();
            }
            case RETRY -> runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst();
            case FAILURE -> runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        };
        assertEquals(row.code(), routed.getAttribute(OcrAttributes.ERROR_CODE));
        assertEquals(row.category().name(), routed.getAttribute(OcrAttributes.ERROR_CATEGORY));
        runner.assertPenalizeCount(row.route() == Outcome.RETRY ? 1 : 0);
        assertEquals(row.category().yieldProcessor(), runner.isYieldCalled(), row.code());
        final String answers = switch (row.route()) {
            case SUCCESS -> CallCounters.NO_RESULT;
            case RETRY -> CallCounters.RETRIED;
            case FAILURE -> CallCounters.FAILED;
        };
        assertEquals(1L, runner.getCounterValue(CallCounters.name("GeneralBasicOCR", answers)), row.code());
        assertEquals(1L, runner.getCounterValue(CallCounters.ERROR_PREFIX + row.code()), row.code());
    }
}
