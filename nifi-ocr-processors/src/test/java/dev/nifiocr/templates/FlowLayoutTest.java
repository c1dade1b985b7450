package dev.nifiocr.templates;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.flow.Position;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedFunnel;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example flows as a user first sees them on the canvas: no connection label on a processor or on another label,
 * the retry loop drawn apart from the main path, and a Parameter Context that says what to set.
 */
class FlowLayoutTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    // NiFi 2's canvas: a processor is 352 x 128, a funnel 48 x 48; a connection label is 224 wide and about 90 high
    private static final double PROCESSOR_WIDTH = 352;
    private static final double PROCESSOR_HEIGHT = 128;
    private static final double FUNNEL_SIZE = 48;
    private static final double LABEL_WIDTH = 224;
    private static final double LABEL_HEIGHT = 90;
    /** The processors whose calls Tencent bills; their retry goes round RetryFlowFile, never NiFi's own retry. */
    private static final List<String> BILLED = List.of("InvokeTencentOCR", "SubmitTencentOCRJob");

    static Stream<Path> flowDefinitions() throws Exception {
        return FlowDefinitionsTest.flowDefinitions();
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void labelsNeitherCoverProcessorsNorEachOther(final Path file) throws Exception {
        final VersionedProcessGroup group = OBJECT_MAPPER.readValue(file.toFile(), RegisteredFlowSnapshot.class).getFlowContents();
        final Map<String, Rectangle2D> boxes = new HashMap<>();
        for (final VersionedProcessor processor : group.getProcessors()) {
            boxes.put(processor.getIdentifier(), box(processor.getPosition(), PROCESSOR_WIDTH, PROCESSOR_HEIGHT));
        }
        for (final VersionedFunnel funnel : group.getFunnels()) {
            boxes.put(funnel.getIdentifier(), box(funnel.getPosition(), FUNNEL_SIZE, FUNNEL_SIZE));
        }
        final List<String> boxNames = new ArrayList<>(boxes.keySet());
        for (int i = 0; i < boxNames.size(); i++) {
            for (int j = i + 1; j < boxNames.size(); j++) {
                assertFalse(boxes.get(boxNames.get(i)).intersects(boxes.get(boxNames.get(j))), file + ": components overlap");
            }
        }

        final Map<String, Rectangle2D> labels = new HashMap<>();
        for (final VersionedConnection connection : group.getConnections()) {
            final String name = connection.getSource().getName() + " " + connection.getSelectedRelationships() + " -> " + connection.getDestination().getName();
            final Rectangle2D source = boxes.get(connection.getSource().getId());
            final Rectangle2D destination = boxes.get(connection.getDestination().getId());
            if (source == destination) {
                assertTrue(connection.getBends().size() >= 2, name + ": a loop needs bends to be drawn beside its processor");
            }
            final Position at = connection.getBends().isEmpty()
                    ? new Position((source.getCenterX() + destination.getCenterX()) / 2, (source.getCenterY() + destination.getCenterY()) / 2)
                    : connection.getBends().get(connection.getLabelIndex());
            final Rectangle2D label = new Rectangle2D.Double(at.getX() - LABEL_WIDTH / 2, at.getY() - LABEL_HEIGHT / 2, LABEL_WIDTH, LABEL_HEIGHT);
            boxes.forEach((id, box) -> assertFalse(label.intersects(box), file + ": label of " + name + " covers a component"));
            labels.forEach((other, otherLabel) -> assertFalse(label.intersects(otherLabel), file + ": labels of " + name + " and " + other + " overlap"));
            labels.put(name, label);
        }
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void parametersSayWhatToSetAndNoneIsBlank(final Path file) throws Exception {
        final RegisteredFlowSnapshot snapshot = OBJECT_MAPPER.readValue(file.toFile(), RegisteredFlowSnapshot.class);
        final VersionedParameterContext context = snapshot.getParameterContexts().get(snapshot.getFlowContents().getParameterContextName());
        assertTrue(context.getDescription() != null && context.getDescription().contains("Tencent Secret Key"), file.toString());
        for (final VersionedParameter parameter : context.getParameters()) {
            // an empty value fails as "must contain at least one character that is not white space"; unset names the property
            assertNotEquals("", parameter.getValue(), parameter.getName());
        }
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void theRetryLoopStandsApartAndWritersRetryInNiFi(final Path file) throws Exception {
        final VersionedProcessGroup group = OBJECT_MAPPER.readValue(file.toFile(), RegisteredFlowSnapshot.class).getFlowContents();
        // the processor whose calls Tencent bills: InvokeTencentOCR, or SubmitTencentOCRJob (jobs are billed at submit)
        final List<VersionedProcessor> billed = group.getProcessors().stream()
                .filter(processor -> BILLED.stream().anyMatch(type -> processor.getType().endsWith("." + type))).toList();
        assertEquals(1, billed.size(), file + ": one billed processor, with its retry loop");
        final VersionedProcessor invoke = billed.getFirst();
        final VersionedProcessor retry = group.getProcessors().stream()
                .filter(processor -> processor.getType().endsWith(".RetryFlowFile")).findFirst().orElseThrow();
        assertEquals(invoke.getPosition().getY(), retry.getPosition().getY(), "the loop is drawn on " + invoke.getName() + "'s row");
        assertTrue(retry.getPosition().getX() > invoke.getPosition().getX() + PROCESSOR_WIDTH, "beside it, not on the main path");
        // the billed processor is not retried by NiFi: a rolled-back attempt would lose the SEND event of a call Tencent may bill
        assertTrue(invoke.getRetriedRelationships().isEmpty(), invoke.getRetriedRelationships().toString());
        // its retry goes round that RetryFlowFile and back
        assertTrue(group.getConnections().stream().anyMatch(c -> c.getSource().getId().equals(invoke.getIdentifier())
                && c.getDestination().getId().equals(retry.getIdentifier()) && c.getSelectedRelationships().contains("retry")), file + ": retry to RetryFlowFile");
        assertTrue(group.getConnections().stream().anyMatch(c -> c.getSource().getId().equals(retry.getIdentifier())
                && c.getDestination().getId().equals(invoke.getIdentifier()) && c.getSelectedRelationships().contains("retry")), file + ": RetryFlowFile back");
        final long writers = group.getProcessors().stream()
                // a file writer retries its failure; PutDatabaseRecord its retry (a database that is down), failure being bad records
                .filter(processor -> processor.getType().endsWith(".PutFile") && processor.getRetriedRelationships().contains("failure")
                        || processor.getType().endsWith(".PutDatabaseRecord") && processor.getRetriedRelationships().contains("retry"))
                .peek(processor -> assertTrue(processor.getRetryCount() > 0 && "PENALIZE_FLOWFILE".equals(processor.getBackoffMechanism())))
                .count();
        assertEquals(1, writers, file + ": the output writer retries its failures in NiFi before they go to the errors folder");
    }

    private static Rectangle2D box(final Position position, final double width, final double height) {
        return new Rectangle2D.Double(position.getX(), position.getY(), width, height);
    }
}
