package dev.nifiocr.docs;

import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.service.StandardTencentCloudClientService;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Add Processor / Add Controller Service dialogs and the Configure tab show. */
class ComponentPresentationTest {

    /** The dialogs show about three lines: the first sentence must end within them. */
    private static final int FIRST_SENTENCE_LIMIT = 200;
    /** About six screens of NiFi's documentation pane; the per-Action and per-code tables are docs pages of their own. */
    private static final int INVOKE_DETAILS_LIMIT = 12_000;

    @Test
    void everyComponentSaysWhatItDoesInItsFirstSentence() throws Exception {
        final List<String> components = components();
        assertTrue(components.size() >= 4, components.toString());
        for (final String component : components) {
            final CapabilityDescription description = Class.forName(component).getAnnotation(CapabilityDescription.class);
            final String text = description.value();
            final int end = text.indexOf(". ");
            final String first = end < 0 ? text : text.substring(0, end + 1);
            assertTrue(first.length() <= FIRST_SENTENCE_LIMIT, "%s: %d characters: %s".formatted(component, first.length(), first));
            assertTrue(first.endsWith("."), component);
        }
    }

    @Test
    void invokeTencentOcrAdditionalDetailsReadInAFewScreens() throws IOException {
        final String details = Files.readString(Path.of("src/main/resources/docs/dev.nifiocr.processors.InvokeTencentOCR/additionalDetails.md"),
                StandardCharsets.UTF_8);
        assertTrue(details.length() <= INVOKE_DETAILS_LIMIT, details.length() + " characters");
        assertTrue(details.contains("## Routing"), "the routing table stays on the page");
    }

    @Test
    void rarelyChangedPropertiesComeLast() {
        final List<PropertyDescriptor> processor = TestRunners.newTestRunner(InvokeTencentOCR.class).getProcessor().getPropertyDescriptors();
        assertEquals(InvokeTencentOCR.API_VERSION, processor.getLast());
        assertFalse(InvokeTencentOCR.API_VERSION.isRequired());
        assertEquals("2018-11-19", InvokeTencentOCR.API_VERSION.getDefaultValue());

        final List<PropertyDescriptor> serviceProperties = new StandardTencentCloudClientService().getPropertyDescriptors();
        assertEquals(StandardTencentCloudClientService.VERIFICATION_REQUEST_ENABLED, serviceProperties.getLast());
        for (final PropertyDescriptor encryptionOnly : List.of(StandardTencentCloudClientService.RSA_PUBLIC_KEY,
                StandardTencentCloudClientService.SM2_PUBLIC_KEY, StandardTencentCloudClientService.SESSION_KEY_PROTECTION_SECRET)) {
            assertEquals(StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION.getName(),
                    encryptionOnly.getDependencies().iterator().next().getPropertyName(), encryptionOnly.getName());
            assertTrue(serviceProperties.indexOf(encryptionOnly) > serviceProperties.indexOf(StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION));
        }
        assertEquals("en-US", StandardTencentCloudClientService.LANGUAGE.getDefaultValue());
    }

    private static List<String> components() throws IOException {
        final List<String> names = new ArrayList<>();
        for (final String services : List.of("org.apache.nifi.processor.Processor", "org.apache.nifi.controller.ControllerService")) {
            try (InputStream in = ComponentPresentationTest.class.getResourceAsStream("/META-INF/services/" + services)) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(names::add);
            }
        }
        return names;
    }
}
