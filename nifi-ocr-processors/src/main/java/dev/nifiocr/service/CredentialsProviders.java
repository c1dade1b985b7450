package dev.nifiocr.service;

import dev.nifiocr.credentials.AssumeRoleSource;
import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.credentials.DefaultChain;
import dev.nifiocr.credentials.FixedCredentials;
import dev.nifiocr.credentials.InstanceRoleSource;
import dev.nifiocr.credentials.ProfileCredentials;
import dev.nifiocr.credentials.RefreshingCredentials;
import dev.nifiocr.credentials.RoleArn;
import dev.nifiocr.credentials.StsClient;
import dev.nifiocr.credentials.WebIdentitySource;
import dev.nifiocr.service.api.TencentCredentials;
import okhttp3.OkHttpClient;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static dev.nifiocr.service.CredentialsFacet.ASSUME_ROLE_ARN;
import static dev.nifiocr.service.CredentialsFacet.ASSUME_ROLE_EXTERNAL_ID;
import static dev.nifiocr.service.CredentialsFacet.ASSUME_ROLE_POLICY;
import static dev.nifiocr.service.CredentialsFacet.CREDENTIALS_STRATEGY;
import static dev.nifiocr.service.CredentialsFacet.ENV_SECRET_ID;
import static dev.nifiocr.service.CredentialsFacet.ENV_SECRET_KEY;
import static dev.nifiocr.service.CredentialsFacet.ENV_SESSION_TOKEN;
import static dev.nifiocr.service.CredentialsFacet.INSTANCE_ROLE_NAME;
import static dev.nifiocr.service.CredentialsFacet.METADATA_URL;
import static dev.nifiocr.service.CredentialsFacet.PROFILE_FILE;
import static dev.nifiocr.service.CredentialsFacet.PROFILE_NAME;
import static dev.nifiocr.service.CredentialsFacet.ROLE_SESSION_DURATION;
import static dev.nifiocr.service.CredentialsFacet.ROLE_SESSION_NAME;
import static dev.nifiocr.service.CredentialsFacet.ROLE_SESSION_NAME_DEFAULT;
import static dev.nifiocr.service.CredentialsFacet.SECRET_ID;
import static dev.nifiocr.service.CredentialsFacet.SECRET_KEY;
import static dev.nifiocr.service.CredentialsFacet.SESSION_TOKEN;
import static dev.nifiocr.service.CredentialsFacet.WEB_IDENTITY_PROVIDER_ID;
import static dev.nifiocr.service.CredentialsFacet.WEB_IDENTITY_TOKEN_FILE;
import static dev.nifiocr.service.TransportFacet.LANGUAGE;
import static dev.nifiocr.service.TransportFacet.REGION;

/** Builds the credentials provider that the client service's credential properties describe. */
final class CredentialsProviders {

    /** Go's override of the profile file path, honoured by the default chain. */
    static final String ENV_CREDENTIALS_FILE = "TENCENTCLOUD_CREDENTIALS_FILE";
    // Web identity sessions of the Default Chain as the SDKs ask for them: 2 hours
    private static final long WEB_IDENTITY_SESSION_SECONDS = 7200;

    private CredentialsProviders() {
    }

    /**
     * The provider for the configured strategy, wrapped in STS AssumeRole when Assume Role ARN is set; remote sources are
     * not called yet.
     *
     * @param http the HTTP client STS calls go through, asked for only when a strategy needs STS
     */
    static CredentialsProvider resolve(final PropertyContext context, final Map<String, String> environment, final Supplier<OkHttpClient> http,
                                       final ComponentLog log) {
        final CredentialsStrategy strategy = context.getProperty(CREDENTIALS_STRATEGY).asAllowableValue(CredentialsStrategy.class);
        final CredentialsProvider base = switch (strategy) {
            case STATIC_KEYS -> {
                final TencentCredentials credentials = new TencentCredentials(context.getProperty(SECRET_ID).getValue(),
                        context.getProperty(SECRET_KEY).getValue(), context.getProperty(SESSION_TOKEN).getValue());
                yield new FixedCredentials(strategy.getDisplayName(), () -> credentials);
            }
            case ENVIRONMENT_VARIABLES -> environmentCredentials(environment);
            case PROFILE_FILE -> {
                final String path = context.getProperty(PROFILE_FILE).evaluateAttributeExpressions().getValue();
                final String expanded = path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
                yield new FixedCredentials("Profile File [%s]".formatted(expanded), new ProfileCredentials(Path.of(expanded), context.getProperty(PROFILE_NAME).getValue()));
            }
            case INSTANCE_ROLE -> new RefreshingCredentials(new InstanceRoleSource(context.getProperty(METADATA_URL).getValue(),
                    context.getProperty(INSTANCE_ROLE_NAME).getValue()), InstanceRoleSource.REFRESH_MARGIN, Clock.systemUTC(), log);
            case WEB_IDENTITY -> webIdentityCredentials(context, environment, http, log);
            case DEFAULT_CHAIN -> defaultChain(context, environment, http, log);
        };
        final String roleArn = context.getProperty(ASSUME_ROLE_ARN).getValue();
        if (roleArn == null || strategy == CredentialsStrategy.WEB_IDENTITY || strategy == CredentialsStrategy.DEFAULT_CHAIN) {
            return base;
        }
        final StsClient.AssumeRoleParameters parameters = new StsClient.AssumeRoleParameters(RoleArn.require(ASSUME_ROLE_ARN.getName(), roleArn),
                context.getProperty(ROLE_SESSION_NAME).getValue(),
                context.getProperty(ROLE_SESSION_DURATION).asTimePeriod(TimeUnit.SECONDS), context.getProperty(ASSUME_ROLE_POLICY).getValue(),
                context.getProperty(ASSUME_ROLE_EXTERNAL_ID).getValue());
        return new RefreshingCredentials(new AssumeRoleSource(strategy.getDisplayName(), base, stsClient(context, context.getProperty(REGION).getValue(), http), parameters),
                AssumeRoleSource.REFRESH_MARGIN, Clock.systemUTC(), log);
    }

    private static CredentialsProvider environmentCredentials(final Map<String, String> environment) {
        final String secretId = environment.get(ENV_SECRET_ID);
        final String secretKey = environment.get(ENV_SECRET_KEY);
        if (secretId == null || secretId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Environment variables %s and %s must both be set for the NiFi process"
                    .formatted(ENV_SECRET_ID, ENV_SECRET_KEY));
        }
        final TencentCredentials credentials = new TencentCredentials(secretId, secretKey, environment.get(ENV_SESSION_TOKEN));
        return new FixedCredentials(CredentialsStrategy.ENVIRONMENT_VARIABLES.getDisplayName(), () -> credentials);
    }

    private static CredentialsProvider webIdentityCredentials(final PropertyContext context, final Map<String, String> environment,
                                                              final Supplier<OkHttpClient> http, final ComponentLog log) {
        final String providerId = propertyOrEnvironment(context.getProperty(WEB_IDENTITY_PROVIDER_ID).getValue(), environment, WebIdentitySource.ENV_PROVIDER_ID);
        final String tokenFile = propertyOrEnvironment(context.getProperty(WEB_IDENTITY_TOKEN_FILE).evaluateAttributeExpressions().getValue(), environment,
                WebIdentitySource.ENV_TOKEN_FILE);
        final String roleArn = roleArn(context.getProperty(ASSUME_ROLE_ARN).getValue(), environment);
        final WebIdentitySource source = new WebIdentitySource(stsClient(context, context.getProperty(REGION).getValue(), http), providerId, Path.of(tokenFile),
                roleArn, context.getProperty(ROLE_SESSION_NAME).getValue(), context.getProperty(ROLE_SESSION_DURATION).asTimePeriod(TimeUnit.SECONDS));
        return new RefreshingCredentials(source, WebIdentitySource.REFRESH_MARGIN, Clock.systemUTC(), log);
    }

    /** Web Identity's role: Assume Role ARN, else TKE_ROLE_ARN; checked for the CAM form either way. */
    private static String roleArn(final String property, final Map<String, String> environment) {
        return property != null ? RoleArn.require(ASSUME_ROLE_ARN.getName(), property)
                : RoleArn.require("environment variable " + WebIdentitySource.ENV_ROLE_ARN, propertyOrEnvironment(null, environment, WebIdentitySource.ENV_ROLE_ARN));
    }

    private static String propertyOrEnvironment(final String value, final Map<String, String> environment, final String variable) {
        final String resolved = value != null ? value : environment.get(variable);
        if (resolved == null || resolved.isBlank()) {
            throw new IllegalArgumentException("Web Identity needs the property or the environment variable %s".formatted(variable));
        }
        return resolved;
    }

    /** The SDKs' chain; web identity from TKE's four variables only, with the SDKs' session duration. */
    private static CredentialsProvider defaultChain(final PropertyContext context, final Map<String, String> environment, final Supplier<OkHttpClient> http,
                                                    final ComponentLog log) {
        final String metadataUrl = context.getProperty(METADATA_URL).getValue();
        return new DefaultChain(List.of(
                new DefaultChain.Candidate(CredentialsStrategy.ENVIRONMENT_VARIABLES.getDisplayName(), () -> environmentCredentials(environment)),
                new DefaultChain.Candidate(CredentialsStrategy.PROFILE_FILE.getDisplayName(), () -> {
                    final Path file = chainProfileFile(environment);
                    return new FixedCredentials("Profile File [%s]".formatted(file), new ProfileCredentials(file, "default"));
                }),
                new DefaultChain.Candidate(CredentialsStrategy.INSTANCE_ROLE.getDisplayName(), () -> new RefreshingCredentials(
                        new InstanceRoleSource(metadataUrl, null), InstanceRoleSource.REFRESH_MARGIN, Clock.systemUTC(), log)),
                new DefaultChain.Candidate(CredentialsStrategy.WEB_IDENTITY.getDisplayName(), () -> {
                    final String region = environment.get(WebIdentitySource.ENV_REGION);
                    if (region == null || region.isBlank()) {
                        throw new IllegalArgumentException("environment variable %s not set".formatted(WebIdentitySource.ENV_REGION));
                    }
                    final WebIdentitySource source = new WebIdentitySource(stsClient(context, region, http),
                            propertyOrEnvironment(null, environment, WebIdentitySource.ENV_PROVIDER_ID),
                            Path.of(propertyOrEnvironment(null, environment, WebIdentitySource.ENV_TOKEN_FILE)),
                            roleArn(null, environment), ROLE_SESSION_NAME_DEFAULT, WEB_IDENTITY_SESSION_SECONDS);
                    return new RefreshingCredentials(source, WebIdentitySource.REFRESH_MARGIN, Clock.systemUTC(), log);
                })));
    }

    /** Go's TENCENTCLOUD_CREDENTIALS_FILE, else the first of the user's and the system's profile file that exists. */
    private static Path chainProfileFile(final Map<String, String> environment) {
        final String configured = environment.get(ENV_CREDENTIALS_FILE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        final List<Path> candidates = List.of(Path.of(System.getProperty("user.home"), ".tencentcloud", "credentials"), Path.of("/etc/tencentcloud/credentials"));
        return candidates.stream().filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profile file at %s".formatted(candidates)));
    }

    private static StsClient stsClient(final PropertyContext context, final String region, final Supplier<OkHttpClient> http) {
        return new StsClient(http.get(), TransportFacet.stsEndpoint(context), region, context.getProperty(LANGUAGE).getValue(), Clock.systemUTC());
    }

}
