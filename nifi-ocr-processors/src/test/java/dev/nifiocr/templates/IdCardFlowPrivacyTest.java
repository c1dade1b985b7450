package dev.nifiocr.templates;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedFunnel;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encrypted ID-card example flow keeps protected material and card fields out of the errors folder and out of
 * attributes (which provenance keeps): failures never write the encrypted request or the photo, error details never
 * include the protected session key, and no processor copies Name or IdNum into an attribute.
 */
class IdCardFlowPrivacyTest {

    private static final Path FLOW = Path.of(System.getProperty("nifi.ocr.templates", "../templates"), "ocr-id-cards-encrypted.json");
    private static VersionedProcessGroup group;

    @BeforeAll
    static void read() throws Exception {
        group = new ObjectMapper().readValue(FLOW.toFile(), RegisteredFlowSnapshot.class).getFlowContents();
    }

    @Test
    void errorsFolderGetsNoContentOfAFailedFlowFile() {
        final Set<String> funnels = group.getFunnels().stream().map(VersionedFunnel::getIdentifier).collect(Collectors.toSet());
        final Map<String, VersionedProcessor> processors = group.getProcessors().stream()
                .collect(Collectors.toMap(VersionedProcessor::getIdentifier, processor -> processor));
        final List<VersionedConnection> fromErrors = group.getConnections().stream()
                .filter(connection -> funnels.contains(connection.getSource().getId())).toList();
        assertFalse(fromErrors.isEmpty());
        for (final VersionedConnection connection : fromErrors) {
            final VersionedProcessor next = processors.get(connection.getDestination().getId());
            assertEquals("org.apache.nifi.processors.standard.AttributesToJSON", next.getType(), "what failures flow into: " + next.getName());
            assertEquals("flowfile-content", next.getProperties().get("Destination"));
        }
    }

    @Test
    void errorDetailsLeaveOutTheProtectedSessionKey() {
        final VersionedProcessor describe = processor("Describe Error");
        final Pattern included = Pattern.compile(describe.getProperties().get("attributes-to-json-regex"));
        assertFalse(included.matcher("tencent.ocr.encryption.session").matches());
        assertFalse(included.matcher("tencent.ocr.encryption.algorithm").matches());
        assertTrue(included.matcher("tencent.ocr.error.message").matches());
        assertTrue(included.matcher("filename").matches());
        assertEquals("false", describe.getProperties().get("Include Core Attributes"));
    }

    @Test
    void cardFieldsNeverBecomeAttributes() {
        for (final VersionedProcessor processor : group.getProcessors()) {
            final String properties = processor.getProperties().values().toString();
            assertFalse(processor.getType().endsWith("EvaluateJsonPath") && "flowfile-attribute".equals(processor.getProperties().get("Destination")),
                    processor.getName());
            assertFalse(properties.contains("Response.Name") || properties.contains("Response.IdNum"), processor.getName());
        }
    }

    @Test
    void inputsAreNeverMovedOrDeleted() {
        assertEquals("None", processor("Fetch Input File").getProperties().get("Completion Strategy"));
    }

    private static VersionedProcessor processor(final String name) {
        return group.getProcessors().stream().filter(processor -> processor.getName().equals(name)).findFirst().orElseThrow();
    }
}
