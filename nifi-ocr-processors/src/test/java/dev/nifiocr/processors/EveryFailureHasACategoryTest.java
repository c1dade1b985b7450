package dev.nifiocr.processors;

import dev.nifiocr.test.TestServices;
import mockwebserver3.MockWebServer;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every component's FlowFile on failure carries the code, the message and the category, and the code is counted as
 * {@code Error <code>}: the same route for all six, wherever the refusal comes from.
 */
class EveryFailureHasACategoryTest {

    private static final byte[] NOT_AN_IMAGE = "plain words, no image".getBytes(StandardCharsets.UTF_8);

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void startServer() throws Exception {
        server.start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void compressImage() {
        final TestRunner runner = TestRunners.newTestRunner(CompressImage.class);
        assertRefused(runner, NOT_AN_IMAGE, CompressImage.REL_FAILURE, "Client.UnsupportedImage", "INPUT");
    }

    @Test
    void splitDocument() {
        final TestRunner runner = TestRunners.newTestRunner(SplitDocument.class);
        assertRefused(runner, NOT_AN_IMAGE, SplitDocument.REL_FAILURE, "Client.UnsupportedDocument", "INPUT");
    }

    @Test
    void encryptOCRPayloadWithoutKeys() throws Exception {
        final TestRunner runner = withService(EncryptOCRPayload.class);
        assertRefused(runner, NOT_AN_IMAGE, EncryptOCRPayload.REL_FAILURE, "Client.EncryptionNotConfigured", "ACCOUNT");
    }

    @Test
    void invokeTencentOCR() throws Exception {
        assertRefused(withService(InvokeTencentOCR.class), new byte[0], InvokeTencentOCR.REL_FAILURE, "Client.EmptyContent", "INPUT");
    }

    @Test
    void submitTencentOCRJob() throws Exception {
        assertRefused(withService(SubmitTencentOCRJob.class), new byte[0], SubmitTencentOCRJob.REL_FAILURE, "Client.EmptyContent", "INPUT");
    }

    @Test
    void getTencentOCRJobStatus() throws Exception {
        final TestRunner runner = withService(GetTencentOCRJobStatus.class);
        runner.enqueue("", Map.of(OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJob", OcrAttributes.JOB_ID, "job-1",
                OcrAttributes.JOB_SUBMITTED, "0"));
        runner.run();
        assertRouted(runner, GetTencentOCRJobStatus.REL_FAILURE, "Client.JobTimedOut", "INPUT");
    }

    private TestRunner withService(final Class<? extends Processor> processor) throws Exception {
        return TestServices.runner(processor, server);
    }

    private static void assertRefused(final TestRunner runner, final byte[] content, final Relationship failure, final String code,
                                      final String category) {
        runner.enqueue(content);
        runner.run();
        assertRouted(runner, failure, code, category);
    }

    private static void assertRouted(final TestRunner runner, final Relationship failure, final String code, final String category) {
        runner.assertAllFlowFilesTransferred(failure, 1);
        final MockFlowFile failed = runner.getFlowFilesForRelationship(failure).getFirst();
        failed.assertAttributeEquals(OcrAttributes.ERROR_CODE, code);
        failed.assertAttributeExists(OcrAttributes.ERROR_MESSAGE);
        failed.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, category);
        assertEquals(1L, runner.getCounterValue("Error " + code));
    }
}
