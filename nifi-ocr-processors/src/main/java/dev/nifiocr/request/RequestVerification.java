package dev.nifiocr.request;

import dev.nifiocr.error.ErrorCatalogue;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.ProcessContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Verify checks of a request before any call: that the Action resolved to a name Tencent could have, and that the
 * parameters besides the image build (JSON, declared types, Expression Language for the sample attributes).
 */
public final class RequestVerification {

    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");

    private RequestVerification() {
    }

    /** Refuses what cannot be an Action name, as Tencent would, without a call. */
    public static void checkActionName(final String actionName) throws InvalidRequestException {
        if (!ACTION_NAME.matcher(actionName).matches()) {
            throw new InvalidRequestException(ErrorCatalogue.INVALID_REQUEST, "[%s] is not an Action name".formatted(actionName));
        }
    }

    /** The Verify step for an Action that could not be resolved for the sample attributes. */
    public static List<ConfigVerificationResult> unresolvedAction(final InvalidRequestException e) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        results.add(new ConfigVerificationResult.Builder().verificationStepName("Resolve OCR Action")
                .outcome(ConfigVerificationResult.Outcome.FAILED).explanation(e.getMessage()).build());
        return results;
    }

    /** The Verify steps for a resolved Action: its name, then the request parameters built for the sample attributes. */
    public static List<ConfigVerificationResult> verify(final ProcessContext context, final Map<String, String> attributes,
                                                        final String actionName) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final boolean validName = ACTION_NAME.matcher(actionName).matches();
        results.add(new ConfigVerificationResult.Builder().verificationStepName("Resolve OCR Action")
                .outcome(validName ? ConfigVerificationResult.Outcome.SUCCESSFUL : ConfigVerificationResult.Outcome.FAILED)
                .explanation(validName ? "Action [%s]".formatted(actionName) : "[%s] is not an Action name".formatted(actionName))
                .build());
        try {
            final byte[] sample = OcrRequestBuilder.fromParameters(RequestProperties.parameters(context, attributes, actionName));
            results.add(new ConfigVerificationResult.Builder().verificationStepName("Build Request Parameters")
                    .outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                    .explanation("Parameters besides the image: " + new String(sample, StandardCharsets.UTF_8))
                    .build());
            results.add(ParameterNames.verificationStep(actionName, sample));
        } catch (final InvalidRequestException e) {
            results.add(new ConfigVerificationResult.Builder().verificationStepName("Build Request Parameters")
                    .outcome(ConfigVerificationResult.Outcome.FAILED).explanation(e.getMessage()).build());
        }
        return results;
    }
}
