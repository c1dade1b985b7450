package dev.nifiocr.processors;

import dev.nifiocr.error.Outcome;
import dev.nifiocr.request.CallProperties;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one failure route: classification, error attributes, counter, penalty, yield and log level, on the component's relationships. */
class FailureRouteTest {

    /** A component that routes each FlowFile's code as its properties say, on relationships of its own. */
    public static class Routing extends AbstractProcessor {
        static final Relationship AGAIN = new Relationship.Builder().name("again").build();
        static final Relationship BROKEN = new Relationship.Builder().name("broken").build();
        static final PropertyDescriptor WITH_RETRY = new PropertyDescriptor.Builder().name("With Retry").defaultValue("true")
                .addValidator(StandardValidators.BOOLEAN_VALIDATOR).build();
        static final PropertyDescriptor FOR_GOOD = new PropertyDescriptor.Builder().name("For Good").defaultValue("false")
                .addValidator(StandardValidators.BOOLEAN_VALIDATOR).build();

        @Override
        protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
            return List.of(WITH_RETRY, FOR_GOOD, CallProperties.RETRY_ERROR_CODES, CallProperties.FAILURE_ERROR_CODES);
        }

        @Override
        public Set<Relationship> getRelationships() {
            return Set.of(AGAIN, BROKEN);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            final FlowFile flowFile = session.get();
            final FailureRoute route = context.getProperty(WITH_RETRY).asBoolean()
                    ? FailureRoute.withOverrides(context, getLogger(), AGAIN, BROKEN) : FailureRoute.toFailure(getLogger(), BROKEN);
            if (context.getProperty(FOR_GOOD).asBoolean()) {
                route.fail(context, session, flowFile, "Subject", flowFile.getAttribute("code"), "why");
            } else {
                session.adjustCounter("Outcome " + route.route(context, session, flowFile, "Subject", flowFile.getAttribute("code"), "why"), 1, false);
            }
        }
    }

    private final TestRunner runner = TestRunners.newTestRunner(Routing.class);

    @ParameterizedTest
    @CsvSource({
            "RequestLimitExceeded, THROTTLED, again, true, true",
            "InternalError, TRANSIENT, again, true, false",
            "FailedOperation.OcrFailed, AMBIGUOUS, again, true, false",
            "AuthFailure.SignatureFailure, ACCOUNT, broken, false, true",
            "FailedOperation.ImageDecodeFailed, INPUT, broken, false, false",
            "Client.CorruptDocument, INPUT, broken, false, false",
            "Something.NobodyKnows, UNKNOWN, broken, false, false"})
    void routesByCategoryOnTheComponentsRelationships(final String code, final String category, final String relationship,
                                                       final boolean penalized, final boolean yielded) {
        runner.enqueue("x", Map.of("code", code));
        runner.run();

        final MockFlowFile routed = only(relationship);
        routed.assertAttributeEquals(OcrAttributes.ERROR_CODE, code);
        routed.assertAttributeEquals(OcrAttributes.ERROR_MESSAGE, "why");
        routed.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, category);
        assertEquals(penalized, routed.isPenalized());
        assertEquals(yielded, runner.isYieldCalled());
        assertEquals(1L, runner.getCounterValue("Error " + code));
        assertEquals(1L, runner.getCounterValue("Outcome " + (relationship.equals("again") ? Outcome.RETRY : Outcome.FAILURE)));
        final boolean error = category.equals("ACCOUNT");
        assertEquals(error ? 1 : 0, runner.getLogger().getErrorMessages().size());
        assertEquals(error ? 0 : 1, runner.getLogger().getWarnMessages().size());
        assertTrue((error ? runner.getLogger().getErrorMessages() : runner.getLogger().getWarnMessages()).getFirst().getMsg()
                .contains("Subject [" + code + "] to " + (relationship.equals("again") ? "retry" : "failure")));
    }

    @Test
    void theUsersOverridesDecideTheRouteNotTheCategory() {
        runner.setProperty(CallProperties.RETRY_ERROR_CODES, "FailedOperation.Image*");
        runner.setProperty(CallProperties.FAILURE_ERROR_CODES, "InternalError");
        runner.enqueue("x", Map.of("code", "FailedOperation.ImageDecodeFailed"));
        runner.enqueue("x", Map.of("code", "InternalError"));
        runner.run(2);

        runner.assertTransferCount(Routing.AGAIN, 1);
        runner.assertTransferCount(Routing.BROKEN, 1);
        runner.getFlowFilesForRelationship(Routing.AGAIN).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "INPUT");
        runner.getFlowFilesForRelationship(Routing.BROKEN).getFirst().assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "TRANSIENT");
    }

    @Test
    void aComponentWithoutRetrySendsPassingFaultsToFailure() {
        runner.setProperty(Routing.WITH_RETRY, "false");
        runner.enqueue("x", Map.of("code", "InternalError"));
        runner.run();

        final MockFlowFile failed = only("broken");
        failed.assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "TRANSIENT");
        assertFalse(failed.isPenalized());
    }

    @Test
    void whatAskingAgainCannotChangeGoesToFailureWithItsCategory() {
        runner.setProperty(Routing.FOR_GOOD, "true");
        runner.enqueue("x", Map.of("code", "InternalError"));
        runner.run();

        only("broken").assertAttributeEquals(OcrAttributes.ERROR_CATEGORY, "TRANSIENT");
        assertEquals(1L, runner.getCounterValue("Error InternalError"));
    }

    private MockFlowFile only(final String relationship) {
        runner.assertAllFlowFilesTransferred(relationship, 1);
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }
}
