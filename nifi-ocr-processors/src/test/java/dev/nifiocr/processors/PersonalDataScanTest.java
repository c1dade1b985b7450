package dev.nifiocr.processors;

import dev.nifiocr.request.OcrAction;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plants a name and an ID number in malformed answers, in request content that is not JSON and in bad parameters, and
 * scans everything the processor leaves behind (attributes of every FlowFile, log messages with their exceptions,
 * provenance details) for them: errors must say where the JSON broke, never what it said.
 */
class PersonalDataScanTest {

    private static final String NAME = "ZHANGSANFENG";
    private static final String ID_NUMBER = "110101199003070011";
    private static final Set<String> PLANTED_ATTRIBUTES = Set.of("holder", "number");

    private MockWebServer server;
    private TestRunner runner;

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestServices.invokeRunner(server);
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.GeneralBasicOCR.getValue());
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void malformedAnswersAreNotQuoted() {
        final List<String> answers = List.of(
                "{\"Response\": {\"Name\": " + NAME + ", \"IdNum\": \"" + ID_NUMBER + "\"}}",
                "{\"Response\": {\"Name\": \"" + NAME + "\", \"IdNum\": \"" + ID_NUMBER + "\"",
                NAME + " " + ID_NUMBER,
                "{\"Response\": {\"Error\": {\"Code\": " + ID_NUMBER + "x, \"Message\": \"" + NAME + "\"}}}");
        for (final String body : answers) {
            server.enqueue(new MockResponse.Builder().code(200).body(body).build());
            server.enqueue(new MockResponse.Builder().code(502).body(body).build());
            runner.enqueue(new byte[]{1, 2, 3});
            runner.enqueue(new byte[]{1, 2, 3});
        }
        runner.run(answers.size() * 2);

        assertEquals(answers.size() * 2, runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).size());
        assertNothingPlanted();
        final String message = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_RETRY).getFirst().getAttribute(OcrAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("line 1, column"), message);
    }

    @Test
    void requestContentThatIsNotJsonIsNotQuoted() {
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.CONTENT_REQUEST_JSON.getValue());
        runner.enqueue("{\"CardSide\": \"FRONT\",\n \"Name\": " + NAME + " " + ID_NUMBER + "}");
        runner.enqueue(NAME + ID_NUMBER);

        runner.run(2);

        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_FAILURE, 2);
        assertEquals(0, server.getRequestCount());
        assertNothingPlanted();
        final String message = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst().getAttribute(OcrAttributes.ERROR_MESSAGE);
        assertTrue(message.contains("line 2, column"), message);
    }

    @Test
    void badParametersAreNotQuoted() {
        runner.setProperty(InvokeTencentOCR.REQUEST_PARAMETERS, "{\"LanguageType\": ${holder}}");
        runner.enqueue(new byte[]{1, 2, 3}, Map.of("holder", NAME));
        runner.run();
        runner.removeProperty(InvokeTencentOCR.REQUEST_PARAMETERS);
        runner.setProperty("IsPdf", "${holder}");
        runner.enqueue(new byte[]{1, 2, 3}, Map.of("holder", NAME));
        runner.run();
        runner.removeProperty("IsPdf");
        runner.setProperty("PdfPageNumber", "${number}");
        runner.enqueue(new byte[]{1, 2, 3}, Map.of("number", ID_NUMBER + "X"));
        runner.run();

        runner.assertAllFlowFilesTransferred(InvokeTencentOCR.REL_FAILURE, 3);
        assertEquals(0, server.getRequestCount());
        assertNothingPlanted();
    }

    /** Tencent's own Error.Message is Tencent's text, kept as sent. */
    @Test
    void keepsTencentsErrorMessageAsSent() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"Response\": {\"Error\": {\"Code\": \"FailedOperation.ImageDecodeFailed\", "
                + "\"Message\": \"图片解码失败 (image decode failed)\"}, \"RequestId\": \"r-1\"}}").build());
        runner.enqueue(new byte[]{1, 2, 3});
        runner.run();
        final MockFlowFile failed = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_FAILURE).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_MESSAGE, "图片解码失败 (image decode failed)");
    }

    private void assertNothingPlanted() {
        final List<String> places = new ArrayList<>();
        for (final MockFlowFile flowFile : allFlowFiles()) {
            // what the processor wrote: the attributes the test planted the data in are the input, not a leak
            final Map<String, String> written = new HashMap<>(flowFile.getAttributes());
            written.keySet().removeAll(PLANTED_ATTRIBUTES);
            places.add(written.toString());
        }
        places.add(TestServices.allLogText((MockComponentLog) runner.getLogger()));
        for (final ProvenanceEventRecord event : runner.getProvenanceEvents()) {
            places.add(String.valueOf(event.getDetails()));
        }
        for (final String place : places) {
            assertFalse(place.contains(NAME) || place.contains(ID_NUMBER), place);
        }
    }

    private List<MockFlowFile> allFlowFiles() {
        final List<MockFlowFile> all = new ArrayList<>();
        for (final var relationship : InvokeTencentOCR.RELATIONSHIPS) {
            all.addAll(runner.getFlowFilesForRelationship(relationship));
        }
        return all;
    }
}
