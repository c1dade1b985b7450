package dev.nifiocr.request;

import dev.nifiocr.document.JobAnswer;
import dev.nifiocr.error.ErrorCatalogue;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.processor.ProcessContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Verify checks of a request before any call: that the Action resolved to a name Tencent could have, and that the
 * parameters besides the image build (JSON, declared types, Expression Language for the sample attributes) and are
 * the Action's own.
 */
public final class RequestVerification {

    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");
    private static final String CHECK_PARAMETER_NAMES = "Check Parameter Names";

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
        results.add(step("Resolve OCR Action", Outcome.FAILED, e.getMessage()));
        return results;
    }

    /** The Verify steps for a resolved Action: its name, then the request parameters built for the sample attributes. */
    public static List<ConfigVerificationResult> verify(final ProcessContext context, final Map<String, String> attributes,
                                                        final String actionName) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final boolean validName = ACTION_NAME.matcher(actionName).matches();
        results.add(step("Resolve OCR Action", validName ? Outcome.SUCCESSFUL : Outcome.FAILED,
                validName ? "Action [%s]".formatted(actionName) : "[%s] is not an Action name".formatted(actionName)));
        try {
            final byte[] sample = OcrRequestBuilder.fromParameters(RequestProperties.parameters(context, attributes, actionName));
            results.add(step("Build Request Parameters", Outcome.SUCCESSFUL, "Parameters besides the image: " + new String(sample, StandardCharsets.UTF_8)));
            results.add(ParameterNames.verificationStep(actionName, sample));
        } catch (final InvalidRequestException e) {
            results.add(step("Build Request Parameters", Outcome.FAILED, e.getMessage()));
        }
        return results;
    }

    /** The Verify step that holds the parameters set for the Action (besides the image) to the names it declares. */
    public static ConfigVerificationResult parameterNames(final ProcessContext context, final Map<String, String> attributes,
                                                          final String actionName) {
        try {
            return ParameterNames.verificationStep(actionName, OcrRequestBuilder.fromParameters(RequestProperties.parameters(context, attributes, actionName)));
        } catch (final InvalidRequestException e) {
            return step(CHECK_PARAMETER_NAMES, Outcome.FAILED, e.getMessage());
        }
    }

    /**
     * The Verify steps of a job status call for the sample attributes: the Action reads jobs, the job id resolves, and the
     * request names the job in a field the Action declares. A value left empty by the sample attributes (the defaults
     * read what SubmitTencentOCRJob writes) is skipped, not failed.
     *
     * @param actionName the evaluated Job Status Action, empty or null when the sample attributes give none
     * @param jobId the evaluated Job ID, empty or null when the sample attributes give none
     */
    public static List<ConfigVerificationResult> verifyJobStatus(final String actionName, final String jobId) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final TencentAction action = TencentAction.named(actionName).filter(TencentAction::readsJob).orElse(null);
        if (actionName == null || actionName.isBlank()) {
            results.add(step("Resolve Job Status Action", Outcome.SKIPPED, "No Action for these attributes: give tencent.ocr.job.action to check it"));
        } else if (action == null) {
            results.add(step("Resolve Job Status Action", Outcome.FAILED, "[%s] is not an Action that reads a job%s".formatted(actionName, meant(actionName))));
        } else {
            results.add(step("Resolve Job Status Action", Outcome.SUCCESSFUL, "Action [%s] reads jobs of %s".formatted(action.name(), action.jobPartner().name())));
        }
        final boolean noJob = jobId == null || jobId.isBlank();
        results.add(step("Resolve Job ID", noJob ? Outcome.SKIPPED : Outcome.SUCCESSFUL,
                noJob ? "No job for these attributes: give tencent.ocr.job.id to check it" : "Job [%s]".formatted(jobId)));
        if (action != null) {
            results.add(ParameterNames.verificationStep(action.name(), JobAnswer.describeRequest(action.jobIdField(), noJob ? "sample" : jobId)));
        }
        return results;
    }

    private static String meant(final String actionName) {
        final Set<String> readers = new LinkedHashSet<>();
        TencentAction.all().stream().filter(TencentAction::readsJob).forEach(action -> readers.add(action.name()));
        final String meant = ParameterNames.likelyMeant(actionName, readers);
        return meant == null ? ", such as " + String.join(", ", readers) : " (did you mean [%s]?)".formatted(meant);
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
    }
}
