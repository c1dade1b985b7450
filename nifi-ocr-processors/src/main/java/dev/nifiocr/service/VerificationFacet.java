package dev.nifiocr.service;

import dev.nifiocr.client.ClientSettings;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import okhttp3.OkHttpClient;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The client service's Verify: each facet's step in the order users know (credentials, endpoint, public keys, the
 * optional verification request, the daily budget), all checked eagerly, on a connection pool of Verify's own.
 */
final class VerificationFacet {

    private static final String VERIFICATION_ACTION = "GeneralBasicOCR";
    private static final String OCR_API_VERSION = "2018-11-19";

    static final PropertyDescriptor VERIFICATION_REQUEST_ENABLED = new PropertyDescriptor.Builder()
            .name("Verification Request Enabled")
            .description("When true, Verify also sends one GeneralBasicOCR request without an image. Tencent refuses it as a "
                    + "parameter error (not billed) after checking signature, credentials and permission, which proves all three. "
                    + "When false, Verify checks the configuration offline only.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    private VerificationFacet() {
    }

    /** @param clustered whether this NiFi is configured as a cluster, for the budget report's wording */
    static List<ConfigVerificationResult> verify(final PropertyContext context, final StateManager stateManager, final ComponentLog log,
                                                 final boolean clustered) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        ClientSettings settings = null;
        RuntimeException settingsProblem = null;
        try {
            settings = TransportFacet.resolveSettings(context);
        } catch (final IllegalArgumentException | IllegalStateException e) {
            settingsProblem = e;
        }
        try (TencentApiClient client = settings == null ? null : new TencentApiClient(settings, Clock.systemUTC())) {
            final RuntimeException problem = settingsProblem;
            final Supplier<OkHttpClient> http = () -> {
                if (client == null) {
                    throw new IllegalArgumentException(problem.getMessage(), problem);
                }
                return client.httpClient();
            };
            final CredentialsProvider credentials = CredentialsFacet.verify(context, http, log, results);
            try {
                results.add(TransportFacet.verify(settings, settingsProblem));
                results.add(SensitiveDataFacet.verify(context));
                results.add(sendVerificationRequest(context, client, credentials, log));
            } finally {
                if (credentials != null) {
                    credentials.close();
                }
            }
        }
        DailyBudgets.verify(context, stateManager, clustered).ifPresent(results::add);
        return results;
    }

    private static ConfigVerificationResult sendVerificationRequest(final PropertyContext context, final TencentApiClient client,
                                                                    final CredentialsProvider credentials, final ComponentLog log) {
        final String step = "Send Verification Request";
        if (!context.getProperty(VERIFICATION_REQUEST_ENABLED).asBoolean()) {
            return step(step, Outcome.SKIPPED, "[%s] is false: no request sent, no quota used".formatted(VERIFICATION_REQUEST_ENABLED.getName()));
        }
        if (credentials == null || client == null) {
            return step(step, Outcome.SKIPPED, "Credentials or endpoint not resolved");
        }
        try {
            final TencentApiResponse response = new CredentialedClient(client, credentials, log).invoke(
                    new TencentApiRequest(VERIFICATION_ACTION, OCR_API_VERSION, "{}".getBytes(StandardCharsets.UTF_8)));
            final String code = response.errorCode();
            if (code == null || code.startsWith("InvalidParameter") || code.startsWith("MissingParameter") || code.startsWith("FailedOperation")) {
                return step(step, Outcome.SUCCESSFUL, "Signature, credentials and ocr:%s permission accepted (answer [%s], RequestId [%s])"
                        .formatted(VERIFICATION_ACTION, code == null ? "success" : code, response.requestId()));
            }
            return step(step, Outcome.FAILED, "Tencent answered [%s] %s (RequestId [%s])".formatted(code, response.errorMessage(), response.requestId()));
        } catch (final TencentApiException e) {
            return step(step, Outcome.FAILED, "[%s] %s".formatted(e.getErrorCode(), e.getMessage()));
        }
    }

    static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
    }
}
