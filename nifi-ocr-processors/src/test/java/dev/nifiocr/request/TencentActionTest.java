package dev.nifiocr.request;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One lookup for the Actions of every service, and one description of their parts in asynchronous jobs. */
class TencentActionTest {

    @Test
    void looksUpActionsOfEveryServiceByName() {
        assertSame(OcrAction.GeneralBasicOCR, TencentAction.named("GeneralBasicOCR").orElseThrow());
        assertSame(LkeapAction.GetReconstructDocumentResult, TencentAction.named("GetReconstructDocumentResult").orElseThrow());
        assertEquals(Optional.empty(), TencentAction.named("generalbasicocr"));
        assertEquals(Optional.empty(), TencentAction.named(null));
        assertEquals(Optional.of(OcrAction.IDCardOCR), TencentAction.ocr("IDCardOCR"));
        assertEquals(Optional.empty(), TencentAction.ocr("CreateReconstructDocumentFlow"), "an lkeap Action is not an OCR Action");
        assertEquals(OcrAction.values().length + LkeapAction.values().length, TencentAction.all().size());
    }

    @Test
    void jobPairsHaveOneSubmitterAndOneReader() {
        for (final TencentAction action : TencentAction.all()) {
            final TencentAction partner = action.jobPartner();
            if (partner == null) {
                assertTrue(!action.submitsJob() && !action.readsJob(), action.name());
                continue;
            }
            assertSame(action, partner.jobPartner(), action.name());
            assertNotEquals(action.submitsJob(), partner.submitsJob(), action.name());
            assertEquals(!action.submitsJob(), action.readsJob(), action.name());
            assertEquals(action.service(), partner.service(), action.name());
            if (action.readsJob()) {
                assertTrue(action.declaredParameters().containsKey(action.jobIdField()), action.name() + " names its job in " + action.jobIdField());
            }
        }
    }

    @Test
    void theJobActionsAreTheSubmitAndDescribePairsAndLkeaps() {
        assertEquals(List.of("SubmitExtractDocAgentJob", "SubmitMarkEssayAgentJob", "SubmitQuestionMarkAgentJob", "SubmitQuestionSplitJob",
                        "CreateReconstructDocumentFlow"),
                TencentAction.all().stream().filter(TencentAction::submitsJob).map(TencentAction::name).sorted(TencentActionTest::ocrFirst).toList());
        assertEquals(List.of("DescribeExtractDocAgentJob", "DescribeMarkEssayAgentJob", "DescribeQuestionMarkAgentJob", "DescribeQuestionSplitJob",
                        "GetReconstructDocumentResult"),
                TencentAction.all().stream().filter(TencentAction::readsJob).map(TencentAction::name).sorted(TencentActionTest::ocrFirst).toList());
        assertEquals("TaskId", LkeapAction.GetReconstructDocumentResult.jobIdField());
        assertEquals("JobId", OcrAction.DescribeExtractDocAgentJob.jobIdField());
        assertTrue(LkeapAction.CreateReconstructDocumentFlow.documentParsing());
        assertTrue(!OcrAction.SubmitExtractDocAgentJob.documentParsing());
    }

    @Test
    void lkeapsParametersAreTyped() {
        assertEquals(ParameterTypes.Type.INTEGER, ParameterTypes.declared("CreateReconstructDocumentFlow", "FileEndPageNumber"));
        assertEquals(ParameterTypes.Type.OBJECT, ParameterTypes.declared("CreateReconstructDocumentFlow", "Config"));
        assertEquals(LkeapAction.CreateReconstructDocumentFlow.declaredParameters(), ParameterTypes.declaredParameters("CreateReconstructDocumentFlow"));
    }

    private static int ocrFirst(final String one, final String other) {
        final boolean oneOcr = TencentAction.ocr(one).isPresent();
        return oneOcr == TencentAction.ocr(other).isPresent() ? one.compareTo(other) : oneOcr ? -1 : 1;
    }
}
