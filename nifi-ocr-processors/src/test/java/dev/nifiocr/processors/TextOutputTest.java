package dev.nifiocr.processors;

import dev.nifiocr.request.OcrAction;
import dev.nifiocr.document.RecognizedText;
import dev.nifiocr.test.TestServices;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output Format Text: the recognised lines as content, Tencent's JSON on 'answer' only when connected. */
class TextOutputTest {

    // nested fields before and inside the detections, and a detection without text, must not confuse the reader
    private static final String ANSWER = """
            {"Response":{"Language":"zh","Extra":{"TextDetections":[{"DetectedText":"not this"}]},"TextDetections":[
             {"Polygon":[{"X":1,"Y":2}],"DetectedText":"第一行 first line","AdvancedInfo":"{\\"Parag\\":{\\"ParagNo\\":1}}","Words":[]},
             {"ItemPolygon":{"X":0,"Y":40},"Confidence":99},
             {"DetectedText":"second\\nline","WordCoordPoint":[{"WordCoordinate":[{"X":1}]}]}],
             "PdfPageSize":3,"RequestId":"r-1"}}""";

    private MockWebServer server;
    private TestRunner runner;

    @BeforeEach
    void setRunner() throws Exception {
        server = new MockWebServer();
        server.start();
        runner = TestServices.invokeRunner(server);
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.GeneralBasicOCR.getValue());
        runner.setProperty(InvokeTencentOCR.OUTPUT_FORMAT, AnswerFormat.TEXT);
    }

    @AfterEach
    void closeServer() throws Exception {
        server.close();
    }

    @Test
    void readsTheDetectedLinesInTencentsOrder() throws IOException {
        assertEquals("第一行 first line\nsecond line\n", text(ANSWER));
        assertEquals("", text("{\"Response\":{\"Error\":{\"Code\":\"FailedOperation.ImageNoText\",\"Message\":\"none\"},\"RequestId\":\"r\"}}"));
        assertEquals("", text("{\"Response\":{\"HasText\":true,\"RequestId\":\"r\"}}"));
    }

    @Test
    void writesTextAndLeavesTheJsonAnswerOutWhenAnswerIsNotConnected() {
        server.enqueue(new MockResponse.Builder().body(ANSWER).build());
        runner.enqueue(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Map.of("fragment.index", "4"));
        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        runner.assertTransferCount(InvokeTencentOCR.REL_ORIGINAL, 1);
        runner.assertTransferCount(InvokeTencentOCR.REL_ANSWER, 0);
        final MockFlowFile text = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst();
        text.assertContentEquals("第一行 first line\nsecond line\n", StandardCharsets.UTF_8);
        text.assertAttributeEquals("mime.type", "text/plain; charset=UTF-8");
        text.assertAttributeEquals("fragment.index", "4");
        assertTrue(InvokeTencentOCR.REL_ANSWER.isAutoTerminated());
    }

    @Test
    void sendsTheJsonAnswerToAnswerWhenConnected() {
        runner.addConnection(InvokeTencentOCR.REL_ANSWER);
        server.enqueue(new MockResponse.Builder().body(ANSWER).build());
        runner.enqueue(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Map.of("fragment.index", "4"));
        runner.run();

        runner.assertTransferCount(InvokeTencentOCR.REL_SUCCESS, 1);
        final MockFlowFile json = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_ANSWER).getFirst();
        json.assertContentEquals(ANSWER, StandardCharsets.UTF_8);
        json.assertAttributeEquals("mime.type", "application/json");
        json.assertAttributeEquals("fragment.index", "4");
        json.assertAttributeEquals(OcrAttributes.REQUEST_ID, "r-1");
    }

    /** Issue 26: a page read to text is named .txt, its JSON answer .json, both keeping the page's base name. */
    @Test
    void textAndAnswerAreNamedForWhatTheyHold() {
        runner.addConnection(InvokeTencentOCR.REL_ANSWER);
        server.enqueue(new MockResponse.Builder().body(ANSWER).build());
        runner.enqueue(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, Map.of("filename", "contract.page-0003.pdf", "mime.type", "application/pdf"));
        runner.run();

        final MockFlowFile text = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst();
        text.assertAttributeEquals("filename", "contract.page-0003.txt");
        text.assertAttributeEquals("mime.type", "text/plain; charset=UTF-8");
        final MockFlowFile json = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_ANSWER).getFirst();
        json.assertAttributeEquals("filename", "contract.page-0003.json");
        json.assertAttributeEquals("mime.type", "application/json");
        final MockFlowFile original = runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_ORIGINAL).getFirst();
        original.assertAttributeEquals("filename", "contract.page-0003.pdf");
        original.assertAttributeEquals("mime.type", "application/pdf");
    }

    @Test
    void keepsJsonForActionsWithoutDetectedText() {
        runner.setProperty(InvokeTencentOCR.OCR_ACTION, OcrAction.IDCardOCR.getValue());
        assertFalse(AnswerFormat.TEXT_ACTIONS.contains(OcrAction.IDCardOCR));
        final String idCard = "{\"Response\":{\"Name\":\"刘洋\",\"RequestId\":\"r-2\"}}";
        server.enqueue(new MockResponse.Builder().body(idCard).build());
        runner.enqueue(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        runner.run();

        runner.getFlowFilesForRelationship(InvokeTencentOCR.REL_SUCCESS).getFirst().assertContentEquals(idCard, StandardCharsets.UTF_8);
    }

    private static String text(final String answer) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecognizedText.write(answer.getBytes(StandardCharsets.UTF_8), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
