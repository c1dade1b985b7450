package dev.nifiocr.service;

import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.credentials.CredentialsStatus;
import dev.nifiocr.credentials.DefaultChain;
import dev.nifiocr.credentials.InstanceRoleSource;
import dev.nifiocr.credentials.RefreshingCredentials;
import dev.nifiocr.credentials.RoleArn;
import dev.nifiocr.migration.PropertyMigrations;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentCredentials;
import okhttp3.OkHttpClient;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The client service's credentials: where they come from (the strategy and its properties, {@link CredentialsProviders}
 * builds the provider), their checks, and their first fetch. Enabling never fetches: a remote source (STS, the metadata
 * service) may be slow or down while NiFi starts, so the first set is fetched on the service's own thread right after
 * enabling (again with backoff until a source answers, one warning when it does not), or by the first request if that
 * comes first; until then requests fail with {@link TencentApiException#CREDENTIALS_UNAVAILABLE}, and later requests try
 * again. Verify fetches eagerly.
 */
final class CredentialsFacet {

    static final String ROLE_SESSION_NAME_DEFAULT = "nifi-ocr";
    static final String ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    static final String ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    static final String ENV_SESSION_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";
    private static final String OLD_WEB_IDENTITY_ROLE_ARN = "Web Identity Role ARN";

    static final PropertyDescriptor CREDENTIALS_STRATEGY = new PropertyDescriptor.Builder()
            .name("Credentials Strategy")
            .description("Where the credentials come from: an API key (create it under Access Management (CAM) > API Keys in the "
                    + "Tencent Cloud console) or the temporary credentials of a CAM role. The sub-account or role needs the "
                    + "ocr:<Action> permissions it calls.")
            .required(true)
            .allowableValues(CredentialsStrategy.class)
            .defaultValue(CredentialsStrategy.STATIC_KEYS)
            .build();

    static final PropertyDescriptor SECRET_ID = new PropertyDescriptor.Builder()
            .name("Secret ID")
            .description("The SecretId of the API key, starting with AKID.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS)
            .build();

    static final PropertyDescriptor SECRET_KEY = new PropertyDescriptor.Builder()
            .name("Secret Key")
            .description("The SecretKey of the API key.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS)
            .build();

    static final PropertyDescriptor SESSION_TOKEN = new PropertyDescriptor.Builder()
            .name("Session Token")
            .description("The token of temporary credentials issued by Tencent STS, sent as X-TC-Token. Leave empty for a permanent API key.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS)
            .build();

    static final PropertyDescriptor PROFILE_FILE = new PropertyDescriptor.Builder()
            .name("Profile File")
            .description("Path of the Tencent SDK profile file on every NiFi node; ~ stands for the home directory of the NiFi user.")
            .required(true)
            .defaultValue("~/.tencentcloud/credentials")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.PROFILE_FILE)
            .build();

    static final PropertyDescriptor PROFILE_NAME = new PropertyDescriptor.Builder()
            .name("Profile Name")
            .description("The section of the profile file to read.")
            .required(true)
            .defaultValue("default")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.PROFILE_FILE)
            .build();

    static final PropertyDescriptor INSTANCE_ROLE_NAME = new PropertyDescriptor.Builder()
            .name("CVM Role Name")
            .description("The CAM role bound to the CVM instance. When not set, the metadata service names it.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE)
            .build();

    static final PropertyDescriptor METADATA_URL = new PropertyDescriptor.Builder()
            .name("Metadata URL")
            .description("Base URL of the CVM instance metadata service, plain HTTP on the instance's own network as Tencent "
                    + "documents it; change it only for a private cloud or a test.")
            .required(true)
            .defaultValue(InstanceRoleSource.DEFAULT_METADATA_URL)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE, CredentialsStrategy.DEFAULT_CHAIN)
            .build();

    static final PropertyDescriptor ASSUME_ROLE_ARN = new PropertyDescriptor.Builder()
            .name("Assume Role ARN")
            .description("The CAM role whose temporary credentials sign the requests, as qcs::cam::uin/<account UIN>:roleName/<role name>, "
                    + "e.g. " + RoleArn.EXAMPLE + ". With keys, environment, profile or instance role, those credentials only call STS "
                    + "AssumeRole for it; with Web Identity, the OIDC token assumes it (when not set: TKE_ROLE_ARN). Not set: no role.")
            .required(false)
            .addValidator(CredentialsFacet::validateRoleArn)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS, CredentialsStrategy.ENVIRONMENT_VARIABLES,
                    CredentialsStrategy.PROFILE_FILE, CredentialsStrategy.INSTANCE_ROLE, CredentialsStrategy.WEB_IDENTITY)
            .build();

    static final PropertyDescriptor ASSUME_ROLE_POLICY = new PropertyDescriptor.Builder()
            .name("Assume Role Policy")
            .description("A CAM policy (JSON) that further narrows the assumed role's permissions for this session.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(ASSUME_ROLE_ARN)
            // AssumeRoleWithWebIdentity takes neither
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS, CredentialsStrategy.ENVIRONMENT_VARIABLES,
                    CredentialsStrategy.PROFILE_FILE, CredentialsStrategy.INSTANCE_ROLE)
            .build();

    static final PropertyDescriptor ASSUME_ROLE_EXTERNAL_ID = new PropertyDescriptor.Builder()
            .name("Assume Role External ID")
            .description("The external ID the role's trust policy requires (2 to 128 characters), when it requires one.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(ASSUME_ROLE_ARN)
            // AssumeRoleWithWebIdentity takes neither
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS, CredentialsStrategy.ENVIRONMENT_VARIABLES,
                    CredentialsStrategy.PROFILE_FILE, CredentialsStrategy.INSTANCE_ROLE)
            .build();

    static final PropertyDescriptor WEB_IDENTITY_PROVIDER_ID = new PropertyDescriptor.Builder()
            .name("Web Identity Provider ID")
            .description("The CAM OIDC identity provider (ProviderId). When not set, the TKE_PROVIDER_ID environment variable.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY)
            .build();

    static final PropertyDescriptor WEB_IDENTITY_TOKEN_FILE = new PropertyDescriptor.Builder()
            .name("Web Identity Token File")
            .description("File holding the OIDC token, read again on every refresh. When not set, the TKE_WEB_IDENTITY_TOKEN_FILE environment variable.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY)
            .build();

    static final PropertyDescriptor ROLE_SESSION_NAME = new PropertyDescriptor.Builder()
            .name("Role Session Name")
            .description("The RoleSessionName of the assumed role's sessions, shown in CloudAudit: 2 to 128 letters, digits or +=,.@_-")
            .required(true)
            .defaultValue(ROLE_SESSION_NAME_DEFAULT)
            .addValidator(StandardValidators.createRegexMatchingValidator(Pattern.compile("[\\w+=,.@-]{2,128}")))
            .dependsOn(ASSUME_ROLE_ARN)
            .build();

    static final PropertyDescriptor ROLE_SESSION_DURATION = new PropertyDescriptor.Builder()
            .name("Role Session Duration")
            .description("How long the assumed role's credentials live (DurationSeconds, at most 12 hours); they are refreshed "
                    + "5 minutes before they expire.")
            .required(true)
            .defaultValue("2 hours")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.SECONDS, 12, TimeUnit.HOURS))
            .dependsOn(ASSUME_ROLE_ARN)
            .build();

    private final Supplier<ComponentLog> log;
    private volatile CredentialsProvider provider;

    CredentialsFacet(final Supplier<ComponentLog> log) {
        this.log = log;
    }

    /**
     * The Secret ID and the Session Token are sent as headers: line breaks and control characters are refused here.
     * Explanations name the property, never its value.
     */
    static void validate(final ValidationContext context, final Collection<ValidationResult> results) {
        if (context.getProperty(CREDENTIALS_STRATEGY).asAllowableValue(CredentialsStrategy.class) != CredentialsStrategy.STATIC_KEYS) {
            return;
        }
        for (final PropertyDescriptor property : List.of(SECRET_ID, SESSION_TOKEN)) {
            final String value = context.getProperty(property).getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                TencentCredentials.requireHeaderSafe(property.getName(), value);
            } catch (final IllegalArgumentException e) {
                results.add(new ValidationResult.Builder().subject(property.getName()).valid(false).explanation(e.getMessage()).build());
            }
        }
    }

    /**
     * Web Identity's role was a property of its own, Web Identity Role ARN: it is the role the OIDC token assumes, so it is
     * Assume Role ARN now, which STS Endpoint and the session's name and duration follow. Under another strategy it was
     * hidden and unused, and is dropped.
     */
    static void migrate(final PropertyConfiguration config) {
        PropertyMigrations.enumNameToValue(config, CREDENTIALS_STRATEGY, CredentialsStrategy.class);
        if (!config.hasProperty(OLD_WEB_IDENTITY_ROLE_ARN)) {
            return;
        }
        final boolean webIdentity = config.getRawPropertyValue(CREDENTIALS_STRATEGY.getName())
                .filter(CredentialsStrategy.WEB_IDENTITY.getValue()::equals).isPresent();
        if (webIdentity && config.getRawPropertyValue(OLD_WEB_IDENTITY_ROLE_ARN).isPresent()) {
            config.renameProperty(OLD_WEB_IDENTITY_ROLE_ARN, ASSUME_ROLE_ARN.getName());
        } else {
            config.removeProperty(OLD_WEB_IDENTITY_ROLE_ARN);
        }
    }

    private static ValidationResult validateRoleArn(final String subject, final String input, final ValidationContext context) {
        final String problem = RoleArn.problem(input);
        return new ValidationResult.Builder().subject(subject).input(input).valid(problem == null).explanation(problem).build();
    }

    /**
     * Builds the provider the properties describe (local checks only: a missing environment variable fails here) and has
     * the background fetch its first set.
     *
     * @param http the HTTP client STS calls go through: the service's connection pool
     */
    void start(final PropertyContext context, final Supplier<OkHttpClient> http, final ScheduledExecutorService background) {
        final CredentialsProvider resolved = CredentialsProviders.resolve(context, System.getenv(), http, log.get());
        provider = resolved;
        background.execute(() -> fetchFirst(resolved, background, RefreshingCredentials.FIRST_BACKOFF));
    }

    /** Fetches the first set, and again after {@code retry} (doubling) until a source answers or the service stops. */
    private void fetchFirst(final CredentialsProvider resolved, final ScheduledExecutorService background, final Duration retry) {
        try {
            log.get().info("Credentials resolved after enabling: {}", describe(resolved));
        } catch (final RuntimeException e) {
            if (provider != resolved) {
                return;
            }
            if (retry.equals(RefreshingCredentials.FIRST_BACKOFF)) { // one warning (and bulletin), not one per attempt
                log.get().warn("Credentials could not be fetched after enabling; requests fail with {} until the source answers "
                        + "(asked again in the background and by each request): {}", TencentApiException.CREDENTIALS_UNAVAILABLE, e.getMessage());
            }
            final Duration doubled = retry.multipliedBy(2);
            final Duration next = doubled.compareTo(RefreshingCredentials.MAX_BACKOFF) < 0 ? doubled : RefreshingCredentials.MAX_BACKOFF;
            try {
                background.schedule(() -> fetchFirst(resolved, background, next), retry.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final RejectedExecutionException stopped) {
                // the service is being disabled
            }
        }
    }

    void stop() {
        final CredentialsProvider current = provider;
        provider = null;
        if (current != null) {
            current.close();
        }
    }

    CredentialsProvider provider() {
        return Enabled.require(provider);
    }

    /**
     * Verify's "Resolve Credentials" step: fetches the credentials now. When the Default Chain finds none, a step per
     * source follows, each saying why that source gave none.
     *
     * @return the provider when it answered, for the verification request (the caller closes it); else null
     */
    static CredentialsProvider verify(final PropertyContext context, final Supplier<OkHttpClient> http, final ComponentLog log,
                                      final List<ConfigVerificationResult> results) {
        CredentialsProvider credentials = null;
        try {
            credentials = CredentialsProviders.resolve(context, System.getenv(), http, log);
            results.add(VerificationFacet.step("Resolve Credentials", Outcome.SUCCESSFUL, describe(credentials)));
            return credentials;
        } catch (final RuntimeException e) {
            if (credentials != null) {
                credentials.close();
            }
            if (e instanceof DefaultChain.NoCredentials none) {
                final Map<String, String> reasons = none.reasons();
                results.add(VerificationFacet.step("Resolve Credentials", Outcome.FAILED,
                        "Default Chain found no credentials in any of its %d sources, each below".formatted(reasons.size())));
                // the step names the source: its line without the name in front
                reasons.forEach((source, why) -> results.add(VerificationFacet.step("Default Chain: " + source, Outcome.FAILED,
                        why.startsWith(source + ": ") ? why.substring(source.length() + 2) : why)));
            } else {
                results.add(VerificationFacet.step("Resolve Credentials", Outcome.FAILED, e.getMessage()));
            }
            return null;
        }
    }

    /** Which source answered, with the masked Secret ID and when the set expires; fetches the credentials if needed. */
    private static String describe(final CredentialsProvider credentials) {
        final CredentialsStatus status = credentials.status();
        final TencentCredentials resolved = credentials.get();
        final String kind = status.expiration() != null
                ? "temporary credentials expiring at %s, next refresh due at %s".formatted(status.expiration(), status.nextRefresh())
                : resolved.temporary() ? "temporary credentials with a session token" : "a permanent API key";
        final String warning = resolved.secretId().startsWith("AKID") ? "" : "; note: Secret IDs normally start with AKID";
        return "%s answered: Secret ID [%s], %s%s".formatted(status.source(), resolved.maskedSecretId(), kind, warning);
    }
}
