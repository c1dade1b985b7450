package dev.nifiocr.rig;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Imports an example flow of templates/ into the rig as a user would (Upload flow definition), sets the parameters of
 * its Parameter Context, enables its services and starts it. The folders and Tencent settings are the parameters every
 * example flow has; each flow may need more.
 */
public final class ExampleFlows {

    public static final String FOLDER_TO_TEXT = "ocr-folder-to-text.json";

    private ExampleFlows() {
    }

    /** The folders the flow reads and writes. */
    public record Folders(Path input, Path text, Path errors) {
    }

    /** The Tencent endpoint and key the flow's client service uses. */
    public record Tencent(String endpoint, String secretId, String secretKey) {
    }

    /** Starts templates/ocr-folder-to-text.json; returns the id of its running process group. */
    public static String start(final NiFiRestClient rest, final Path templates, final Folders folders, final Tencent tencent)
            throws IOException, InterruptedException {
        return start(rest, templates.resolve(FOLDER_TO_TEXT), "OCR Folder of Scans to Text", folders, tencent, Map.of(), Set.of());
    }

    /**
     * Starts any example flow.
     *
     * @param flowName the flow's name, which also names its Parameter Context ("&lt;name&gt; Parameters")
     * @param extraParameters parameters beyond folders and Tencent settings
     * @param extraSensitive which of those are sensitive
     */
    public static String start(final NiFiRestClient rest, final Path template, final String flowName, final Folders folders, final Tencent tencent,
                               final Map<String, String> extraParameters, final Set<String> extraSensitive) throws IOException, InterruptedException {
        final String group = rest.uploadFlowDefinition(rest.rootGroupId(), flowName, template);
        final Map<String, String> parameters = new HashMap<>(extraParameters);
        parameters.put("Input Directory", folders.input().toString());
        parameters.put("Output Directory", folders.text().toString());
        parameters.put("Error Directory", folders.errors().toString());
        parameters.put("Tencent Endpoint", tencent.endpoint());
        parameters.put("Tencent Secret ID", tencent.secretId());
        parameters.put("Tencent Secret Key", tencent.secretKey());
        parameters.put("Rate Limit per Account", "5");
        final Set<String> sensitive = new HashSet<>(extraSensitive);
        sensitive.add("Tencent Secret Key");
        rest.setParameters(flowName + " Parameters", parameters, sensitive, Duration.ofSeconds(60));
        rest.enableGroupServices(group);
        final Instant deadline = Instant.now().plusSeconds(60);
        while (!allEnabled(rest.groupControllerServices(group))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Services of " + flowName + " not enabled: " + rest.groupControllerServices(group));
            }
            Thread.sleep(250);
        }
        rest.setGroupState(group, "RUNNING");
        return group;
    }

    private static boolean allEnabled(final JsonNode services) {
        for (final JsonNode service : services) {
            if (!"ENABLED".equals(service.at("/component/state").asText())) {
                return false;
            }
        }
        return true;
    }
}
