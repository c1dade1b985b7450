package dev.nifiocr.processors;

import dev.nifiocr.request.CallProperties;
import dev.nifiocr.request.DocumentSource;
import dev.nifiocr.request.LkeapAction;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.util.PropertyMigrationResult;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job processors' Verify names what would fail before any call, as InvokeTencentOCR's does; their Request Source speaks of documents. */
class JobVerificationTest {

    private final TestRunner submit = TestRunners.newTestRunner(SubmitTencentOCRJob.class);
    private final TestRunner status = TestRunners.newTestRunner(GetTencentOCRJobStatus.class);

    @Test
    void submitVerifyNamesAMisspelledParameter() {
        submit.setProperty("FileEndPage", "3");
        final ConfigVerificationResult names = step(submit.verify(Map.of()), "Check Parameter Names");

        assertEquals(Outcome.FAILED, names.getOutcome());
        assertTrue(names.getExplanation().contains("[FileEndPage] (did you mean [FileEndPageNumber]?)"), names.getExplanation());
    }

    @Test
    void submitVerifyPassesTheActionsOwnParameters() {
        submit.setProperty("FileStartPageNumber", "1");
        submit.setProperty(CallProperties.REQUEST_PARAMETERS, "{\"ItemNames\": [{\"KeyName\": \"Invoice Number\"}]}");
        final List<ConfigVerificationResult> results = submit.verify(Map.of());

        assertTrue(results.stream().allMatch(result -> result.getOutcome() == Outcome.SUCCESSFUL), results.toString());
        assertTrue(step(results, "Check Parameter Names").getExplanation().contains("FileStartPageNumber"));
    }

    @Test
    void submitVerifyKnowsLkeapsParameters() {
        submit.setProperty(SubmitTencentOCRJob.JOB_ACTION, LkeapAction.CreateReconstructDocumentFlow.getValue());
        submit.setProperty("FileEndPageNumber", "2");
        assertEquals(Outcome.SUCCESSFUL, step(submit.verify(Map.of()), "Check Parameter Names").getOutcome());

        submit.setProperty("FileStartPage", "1");
        final ConfigVerificationResult names = step(submit.verify(Map.of()), "Check Parameter Names");
        assertEquals(Outcome.FAILED, names.getOutcome());
        assertTrue(names.getExplanation().contains("did you mean [FileStartPageNumber]"), names.getExplanation());
    }

    @Test
    void submitVerifyFailsParametersThatAreNotJson() {
        submit.setProperty(CallProperties.REQUEST_PARAMETERS, "{\"ItemNames\": [");
        assertEquals(Outcome.FAILED, step(submit.verify(Map.of()), "Build Request Parameters").getOutcome());
    }

    @Test
    void statusVerifyNamesTheActionMeant() {
        final List<ConfigVerificationResult> results = status.verify(Map.of(OcrAttributes.JOB_ACTION, "DescribeExtractDocAgentJobs",
                OcrAttributes.JOB_ID, "job-1"));

        final ConfigVerificationResult action = step(results, "Resolve Job Status Action");
        assertEquals(Outcome.FAILED, action.getOutcome());
        assertTrue(action.getExplanation().contains("did you mean [DescribeExtractDocAgentJob]?"), action.getExplanation());
    }

    @Test
    void statusVerifyChecksTheRequestOfAJobItReads() {
        final List<ConfigVerificationResult> results = status.verify(Map.of(OcrAttributes.JOB_ACTION, "GetReconstructDocumentResult",
                OcrAttributes.JOB_ID, "task-42"));

        assertTrue(results.stream().allMatch(result -> result.getOutcome() == Outcome.SUCCESSFUL), results.toString());
        assertTrue(step(results, "Check Parameter Names").getExplanation().contains("TaskId"));
    }

    @Test
    void statusVerifyWithoutSampleAttributesSkipsWhatOnlyTheFlowFileTells() {
        final List<ConfigVerificationResult> results = status.verify(Map.of());

        assertEquals(Outcome.SKIPPED, step(results, "Resolve Job Status Action").getOutcome());
        assertEquals(Outcome.SKIPPED, step(results, "Resolve Job ID").getOutcome());
    }

    @Test
    void statusVerifyRefusesAnActionThatSubmits() {
        status.setProperty(GetTencentOCRJobStatus.JOB_STATUS_ACTION, "SubmitExtractDocAgentJob");
        assertEquals(Outcome.FAILED, step(status.verify(Map.of()), "Resolve Job Status Action").getOutcome());
    }

    @Test
    void requestSourceSpeaksOfDocuments() {
        final List<AllowableValue> values = CallProperties.DOCUMENT_SOURCE.getAllowableValues();
        assertEquals(List.of("FlowFile Content as Document", "Document URL", "FlowFile Content as Request JSON", "Request Parameters Only"),
                values.stream().map(AllowableValue::getValue).toList());
        values.forEach(value -> assertFalse(value.getDisplayName().toLowerCase(Locale.ROOT).contains("image"), value.getDisplayName()));
        assertEquals("Request Source", CallProperties.DOCUMENT_SOURCE.getName());
        assertEquals(2, SubmitTencentOCRJob.PROPERTY_DESCRIPTORS.indexOf(CallProperties.DOCUMENT_SOURCE), "where Request Source always was");
        assertEquals(3, SubmitTencentOCRJob.PROPERTY_DESCRIPTORS.indexOf(CallProperties.DOCUMENT_URL), "where Image URL was");
    }

    @Test
    void flowsSavedWithTheImageWordsMigrate() {
        submit.setValidateExpressionUsage(false);
        submit.setProperty("Request Source", "Image URL");
        submit.setProperty("Image URL", "https://example.com/${filename}");

        final PropertyMigrationResult result = submit.migrateProperties();

        assertEquals(DocumentSource.DOCUMENT_URL.getValue(), raw("Request Source"));
        assertEquals("https://example.com/${filename}", raw("Document URL"));
        assertNull(raw("Image URL"));
        assertEquals("Document URL", result.getPropertiesRenamed().get("Image URL"));
    }

    @Test
    void everyEarlierRequestSourceMigratesToItsDocumentWords() {
        final Map<String, DocumentSource> earlier = Map.of("FlowFile Content as Image", DocumentSource.CONTENT_DOCUMENT,
                "CONTENT_IMAGE", DocumentSource.CONTENT_DOCUMENT, "IMAGE_URL", DocumentSource.DOCUMENT_URL,
                "CONTENT_REQUEST_JSON", DocumentSource.CONTENT_REQUEST_JSON, "PARAMETERS_ONLY", DocumentSource.PARAMETERS_ONLY,
                "FlowFile Content as Request JSON", DocumentSource.CONTENT_REQUEST_JSON, "#{source}", DocumentSource.CONTENT_DOCUMENT);
        earlier.forEach((saved, now) -> {
            final TestRunner runner = TestRunners.newTestRunner(SubmitTencentOCRJob.class);
            runner.setProperty("Request Source", saved);
            runner.migrateProperties();
            final String migrated = runner.getProcessContext().getProperties().get(CallProperties.DOCUMENT_SOURCE);
            assertEquals(saved.startsWith("#") ? saved : now.getValue(), migrated, saved);
        });
    }

    private String raw(final String property) {
        return submit.getProcessContext().getAllProperties().get(property);
    }

    private static ConfigVerificationResult step(final List<ConfigVerificationResult> results, final String name) {
        return results.stream().filter(result -> result.getVerificationStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + results));
    }
}
