package dev.nifiocr.rig;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Imports templates/ocr-folder-to-text.json into the rig as a user would, sets its parameters, enables and starts it. */
public final class FolderToTextFlow {

    public static final String TEMPLATE = "ocr-folder-to-text.json";
    private static final String PARAMETER_CONTEXT = "OCR Folder of Scans to Text Parameters";

    private FolderToTextFlow() {
    }

    /** The folders the flow reads and writes. */
    public record Folders(Path input, Path text, Path errors) {
    }

    /** The Tencent endpoint and key the flow's client service uses. */
    public record Tencent(String endpoint, String secretId, String secretKey) {
    }

    /** @return the id of the running process group */
    public static String start(final NiFiRestClient rest, final Path templates, final Folders folders, final Tencent tencent)
            throws IOException, InterruptedException {
        final String group = rest.uploadFlowDefinition(rest.rootGroupId(), "OCR Folder of Scans to Text", templates.resolve(TEMPLATE));
        rest.setParameters(PARAMETER_CONTEXT, Map.of(
                "Input Directory", folders.input().toString(),
                "Output Directory", folders.text().toString(),
                "Error Directory", folders.errors().toString(),
                "Tencent Endpoint", tencent.endpoint(),
                "Tencent Secret ID", tencent.secretId(),
                "Tencent Secret Key", tencent.secretKey(),
                "Rate Limit per Node", "5"), Set.of("Tencent Secret Key"), Duration.ofSeconds(60));
        rest.enableGroupServices(group);
        final Instant deadline = Instant.now().plusSeconds(60);
        while (!allEnabled(rest.groupControllerServices(group))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Services of the folder-to-text flow not enabled: " + rest.groupControllerServices(group));
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
