package dev.nifiocr.templates;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiocr.request.TencentAction;
import org.apache.nifi.components.AbstractConfigurableComponent;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flow.ConnectableComponent;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every flow definition in templates/ read as NiFi's own flow model, and checked against this bundle's components:
 * types and bundle coordinates, property names and allowed values, relationships, service references and parameters.
 * A property renamed in the code and not in the templates breaks this test.
 */
class FlowDefinitionsTest {

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Path TEMPLATES = Path.of(System.getProperty("nifi.ocr.templates", "../templates"));
    private static final String OCR_GROUP = "dev.nifiocr";
    /** Dynamic properties of our processors are Tencent request parameters, named like ImageUrl or CardSide. */
    private static final Pattern REQUEST_PARAMETER = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");

    static Stream<Path> flowDefinitions() throws IOException {
        final List<Path> files;
        try (Stream<Path> list = Files.list(TEMPLATES)) {
            files = list.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(5, files.size(), "flow definitions in " + TEMPLATES.toAbsolutePath());
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("flowDefinitions")
    void matchesTheBundle(final Path file) throws Exception {
        final RegisteredFlowSnapshot snapshot = OBJECT_MAPPER.readValue(file.toFile(), RegisteredFlowSnapshot.class);
        final VersionedProcessGroup group = snapshot.getFlowContents();
        assertNotNull(group, "flowContents");
        final VersionedParameterContext context = snapshot.getParameterContexts().get(group.getParameterContextName());
        assertNotNull(context, "parameter context " + group.getParameterContextName());
        final Map<String, VersionedParameter> parameters = new HashMap<>();
        for (final VersionedParameter parameter : context.getParameters()) {
            parameters.put(parameter.getName(), parameter);
            assertFalse(parameter.getDescription() == null || parameter.getDescription().isBlank(), "description of parameter " + parameter.getName());
            if (parameter.isSensitive()) {
                assertNull(parameter.getValue(), "sensitive parameter " + parameter.getName() + " must not carry a value");
            }
        }
        final Set<String> serviceIds = new HashSet<>();
        for (final VersionedControllerService service : group.getControllerServices()) {
            serviceIds.add(service.getIdentifier());
        }
        final Map<String, Set<String>> relationshipsById = new HashMap<>();
        // relationships NiFi terminates unless connected (Relationship.autoTerminateDefault), such as InvokeTencentOCR's answer
        final Set<String> terminatedByDefault = new HashSet<>();
        final Set<String> knownIds = new HashSet<>(serviceIds);
        group.getFunnels().forEach(funnel -> knownIds.add(funnel.getIdentifier()));

        int ours = 0;
        for (final VersionedProcessor processor : group.getProcessors()) {
            knownIds.add(processor.getIdentifier());
            if (!OCR_GROUP.equals(processor.getBundle().getGroup())) {
                assertEquals("org.apache.nifi", processor.getBundle().getGroup(), processor.getName());
                continue;
            }
            ours++;
            assertBundle(processor.getBundle().getArtifact(), processor.getBundle().getVersion(), processor.getName());
            final Processor component = (Processor) Class.forName(processor.getType()).getDeclaredConstructor().newInstance();
            // a processor's relationships can follow its properties (SplitDocument's text layer): set them as NiFi does,
            // with a parameter reference standing for the parameter's value in the flow
            processor.getProperties().forEach((name, value) -> {
                final VersionedParameter parameter = value == null || !value.matches("#\\{[^}]+}") ? null
                        : parameters.get(value.substring(2, value.length() - 1));
                component.onPropertyModified(component.getPropertyDescriptor(name), null, parameter == null ? value : parameter.getValue());
            });
            final Set<String> relationships = new HashSet<>();
            for (final Relationship relationship : component.getRelationships()) {
                relationships.add(relationship.getName());
                if (relationship.isAutoTerminated()) {
                    terminatedByDefault.add(processor.getIdentifier() + "/" + relationship.getName());
                }
            }
            relationshipsById.put(processor.getIdentifier(), relationships);
            assertTrue(relationships.containsAll(processor.getAutoTerminatedRelationships()), processor.getName() + " terminates " + processor.getAutoTerminatedRelationships());
            checkProperties(processor.getName(), (AbstractConfigurableComponent) component, processor.getProperties(), serviceIds, parameters, true);
        }
        for (final VersionedControllerService service : group.getControllerServices()) {
            if (OCR_GROUP.equals(service.getBundle().getGroup())) {
                ours++;
                assertBundle(service.getBundle().getArtifact(), service.getBundle().getVersion(), service.getName());
                final AbstractConfigurableComponent component = (AbstractConfigurableComponent) Class.forName(service.getType()).getDeclaredConstructor().newInstance();
                checkProperties(service.getName(), component, service.getProperties(), serviceIds, parameters, false);
                // the API the flow declares is one the service implements (TencentCloudClientService, RecordReaderFactory)
                final String api = service.getControllerServiceApis().getFirst().getType();
                assertTrue(Class.forName(api).isInstance(component), service.getName() + " implements " + api);
            }
        }
        assertTrue(ours >= 3, "components of this bundle in " + file);

        for (final VersionedConnection connection : group.getConnections()) {
            final ConnectableComponent source = connection.getSource();
            assertTrue(knownIds.contains(source.getId()), "connection source " + source.getName());
            assertTrue(knownIds.contains(connection.getDestination().getId()), "connection destination " + connection.getDestination().getName());
            final Set<String> relationships = relationshipsById.get(source.getId());
            if (relationships != null) {
                assertTrue(relationships.containsAll(connection.getSelectedRelationships()), source.getName() + " has no " + connection.getSelectedRelationships());
            }
        }
        for (final Map.Entry<String, Set<String>> processor : relationshipsById.entrySet()) {
            final Set<String> handled = new HashSet<>();
            group.getProcessors().stream().filter(p -> p.getIdentifier().equals(processor.getKey())).forEach(p -> handled.addAll(p.getAutoTerminatedRelationships()));
            group.getConnections().stream().filter(c -> c.getSource().getId().equals(processor.getKey())).forEach(c -> handled.addAll(c.getSelectedRelationships()));
            processor.getValue().stream().filter(name -> terminatedByDefault.contains(processor.getKey() + "/" + name)).forEach(handled::add);
            assertEquals(processor.getValue(), handled, "every relationship of our processors is connected or terminated");
        }
    }

    private static void assertBundle(final String artifact, final String version, final String component) {
        assertEquals("nifi-ocr-nar", artifact, component);
        assertEquals(System.getProperty("project.version", "0.1.0-SNAPSHOT"), version, component);
    }

    private static void checkProperties(final String name, final AbstractConfigurableComponent component, final Map<String, String> properties,
                                        final Set<String> serviceIds, final Map<String, VersionedParameter> parameters, final boolean dynamicAllowed) {
        final Map<String, PropertyDescriptor> descriptors = new HashMap<>();
        for (final PropertyDescriptor descriptor : component.getPropertyDescriptors()) {
            descriptors.put(descriptor.getName(), descriptor);
        }
        final List<String> problems = new ArrayList<>();
        for (final Map.Entry<String, String> property : properties.entrySet()) {
            final PropertyDescriptor descriptor = descriptors.get(property.getKey());
            final String value = property.getValue();
            if (descriptor == null) {
                // a service's dynamic properties are rate limits named after an Action (CreateReconstructDocumentFlow = 1)
                final boolean dynamic = dynamicAllowed ? REQUEST_PARAMETER.matcher(property.getKey()).matches()
                        : TencentAction.named(property.getKey()).isPresent() && component.getPropertyDescriptor(property.getKey()).isDynamic();
                if (!dynamic) {
                    problems.add("[" + property.getKey() + "] is not a property");
                }
                continue;
            }
            final Matcher reference = PARAMETER_REFERENCE.matcher(value == null ? "" : value);
            if (reference.matches()) {
                final VersionedParameter parameter = parameters.get(reference.group(1));
                if (parameter == null) {
                    problems.add("[" + property.getKey() + "] references missing parameter " + reference.group(1));
                } else if (parameter.isSensitive() != descriptor.isSensitive()) {
                    problems.add("[" + property.getKey() + "] and parameter " + parameter.getName() + " disagree on sensitivity");
                } else if (parameter.getValue() != null && descriptor.getAllowableValues() != null
                        && descriptor.getAllowableValues().stream().noneMatch(allowable -> allowable.getValue().equals(parameter.getValue()))) {
                    // a choice made a parameter (the async flow's Job Action) still starts from an allowed value
                    problems.add("[" + property.getKey() + "] parameter " + parameter.getName() + " value " + parameter.getValue() + " is not allowed");
                }
                continue;
            }
            if (descriptor.getControllerServiceDefinition() != null && !serviceIds.contains(value)) {
                problems.add("[" + property.getKey() + "] references no controller service of the flow");
            }
            final List<AllowableValue> allowed = descriptor.getAllowableValues();
            if (allowed != null && allowed.stream().noneMatch(allowable -> allowable.getValue().equals(value))) {
                problems.add("[" + property.getKey() + "] value " + value + " is not allowed");
            }
        }
        assertEquals(List.of(), problems, name);
    }
}
