package dev.nifiocr.service;

import dev.nifiocr.client.AccountRateLimits;
import dev.nifiocr.client.ClientSettings;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.client.TransportSecurity;
import dev.nifiocr.cluster.Membership;
import dev.nifiocr.cluster.NodeLeases;
import dev.nifiocr.credentials.CredentialsException;
import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.credentials.CredentialsStatus;
import dev.nifiocr.credentials.InstanceRoleSource;
import dev.nifiocr.credentials.StsClient;
import dev.nifiocr.crypto.ProtectionSecret;
import dev.nifiocr.crypto.PublicKeyReader;
import dev.nifiocr.crypto.SessionKeyVault;
import dev.nifiocr.migration.PropertyMigrations;
import dev.nifiocr.service.api.SensitiveDataKeys;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import dev.nifiocr.service.api.TencentCredentials;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.ssl.SSLContextProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

@Tags({"tencent", "tencent cloud", "ocr", "credentials", "client"})
@CapabilityDescription("Holds the credentials, region, endpoint, HTTP connection pool and the account's rate limits for calling "
        + "Tencent Cloud OCR (API 3.0, TC3-HMAC-SHA256 signatures). Every processor that references the service shares "
        + "one connection pool; on a cluster each node takes its share of the account's limits.")
@Stateful(scopes = Scope.CLUSTER, description = "Each node using the service holds a lease (lease.<random id> = expiry time) "
        + "renewed every few seconds; a node's share of the account's rate limits is 1 / live leases. With a daily budget: "
        + "budget.day and budget.leased (.<Action>) count the billable calls leased to nodes today, in blocks of "
        + DailyBudgets.BLOCK_SIZE + ".")
@DynamicProperty(name = "An OCR Action, such as VatInvoiceOCR", value = "Requests per second",
        description = "The account's rate limit for that Action, over all nodes, where Tencent's limit for it differs from "
                + "Rate Limit per Account; the Action then has a limiter of its own instead of sharing that one.")
public class StandardTencentCloudClientService extends AbstractControllerService implements TencentCloudClientService, VerifiableControllerService {

    static final String ROLE_SESSION_NAME_DEFAULT = "nifi-ocr";

    public static final PropertyDescriptor CREDENTIALS_STRATEGY = new PropertyDescriptor.Builder()
            .name("Credentials Strategy")
            .description("Where the credentials come from: an API key (create it under Access Management (CAM) > API Keys in the "
                    + "Tencent Cloud console) or the temporary credentials of a CAM role. The sub-account or role needs the "
                    + "ocr:<Action> permissions it calls.")
            .required(true)
            .allowableValues(CredentialsStrategy.class)
            .defaultValue(CredentialsStrategy.STATIC_KEYS)
            .build();

    public static final PropertyDescriptor SECRET_ID = new PropertyDescriptor.Builder()
            .name("Secret ID")
            .description("The SecretId of the API key, starting with AKID.")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS)
            .build();

    public static final PropertyDescriptor SECRET_KEY = new PropertyDescriptor.Builder()
            .name("Secret Key")
            .description("The SecretKey of the API key.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS)
            .build();

    public static final PropertyDescriptor SESSION_TOKEN = new PropertyDescriptor.Builder()
            .name("Session Token")
            .description("The token of temporary credentials issued by Tencent STS, sent as X-TC-Token. Leave empty for a permanent API key.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS)
            .build();

    public static final PropertyDescriptor PROFILE_FILE = new PropertyDescriptor.Builder()
            .name("Profile File")
            .description("Path of the Tencent SDK profile file on every NiFi node; ~ stands for the home directory of the NiFi user.")
            .required(true)
            .defaultValue("~/.tencentcloud/credentials")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.PROFILE_FILE)
            .build();

    public static final PropertyDescriptor PROFILE_NAME = new PropertyDescriptor.Builder()
            .name("Profile Name")
            .description("The section of the profile file to read.")
            .required(true)
            .defaultValue("default")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.PROFILE_FILE)
            .build();

    public static final PropertyDescriptor INSTANCE_ROLE_NAME = new PropertyDescriptor.Builder()
            .name("CVM Role Name")
            .description("The CAM role bound to the CVM instance. When not set, the metadata service names it.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE)
            .build();

    public static final PropertyDescriptor METADATA_URL = new PropertyDescriptor.Builder()
            .name("Metadata URL")
            .description("Base URL of the CVM instance metadata service, plain HTTP on the instance's own network as Tencent "
                    + "documents it; change it only for a private cloud or a test.")
            .required(true)
            .defaultValue(InstanceRoleSource.DEFAULT_METADATA_URL)
            .addValidator(StandardValidators.URL_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE, CredentialsStrategy.DEFAULT_CHAIN)
            .build();

    public static final PropertyDescriptor ASSUME_ROLE_ARN = new PropertyDescriptor.Builder()
            .name("Assume Role ARN")
            .description("When set, the credentials of the strategy above only call STS AssumeRole for this role, and requests are "
                    + "signed with the role's temporary credentials, e.g. qcs::cam::uin/100000000001:roleName/nifi-ocr.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.STATIC_KEYS, CredentialsStrategy.ENVIRONMENT_VARIABLES,
                    CredentialsStrategy.PROFILE_FILE, CredentialsStrategy.INSTANCE_ROLE)
            .build();

    public static final PropertyDescriptor ASSUME_ROLE_POLICY = new PropertyDescriptor.Builder()
            .name("Assume Role Policy")
            .description("A CAM policy (JSON) that further narrows the assumed role's permissions for this session.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(ASSUME_ROLE_ARN)
            .build();

    public static final PropertyDescriptor ASSUME_ROLE_EXTERNAL_ID = new PropertyDescriptor.Builder()
            .name("Assume Role External ID")
            .description("The external ID the role's trust policy requires (2 to 128 characters), when it requires one.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(ASSUME_ROLE_ARN)
            .build();

    public static final PropertyDescriptor WEB_IDENTITY_PROVIDER_ID = new PropertyDescriptor.Builder()
            .name("Web Identity Provider ID")
            .description("The CAM OIDC identity provider (ProviderId). When not set, the TKE_PROVIDER_ID environment variable.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY)
            .build();

    public static final PropertyDescriptor WEB_IDENTITY_TOKEN_FILE = new PropertyDescriptor.Builder()
            .name("Web Identity Token File")
            .description("File holding the OIDC token, read again on every refresh. When not set, the TKE_WEB_IDENTITY_TOKEN_FILE environment variable.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY)
            .build();

    public static final PropertyDescriptor WEB_IDENTITY_ROLE_ARN = new PropertyDescriptor.Builder()
            .name("Web Identity Role ARN")
            .description("The CAM role to assume with the OIDC token. When not set, the TKE_ROLE_ARN environment variable.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY)
            .build();

    public static final PropertyDescriptor ROLE_SESSION_NAME = new PropertyDescriptor.Builder()
            .name("Role Session Name")
            .description("The RoleSessionName of the assumed role's sessions, shown in CloudAudit: 2 to 128 letters, digits or +=,.@_-")
            .required(true)
            .defaultValue(ROLE_SESSION_NAME_DEFAULT)
            .addValidator(StandardValidators.createRegexMatchingValidator(Pattern.compile("[\\w+=,.@-]{2,128}")))
            .dependsOn(ASSUME_ROLE_ARN)
            .build();

    public static final PropertyDescriptor ROLE_SESSION_DURATION = new PropertyDescriptor.Builder()
            .name("Role Session Duration")
            .description("How long the assumed role's credentials live (DurationSeconds, at most 12 hours); they are refreshed "
                    + "5 minutes before they expire.")
            .required(true)
            .defaultValue("2 hours")
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.SECONDS, 12, TimeUnit.HOURS))
            .dependsOn(ASSUME_ROLE_ARN)
            .build();

    public static final PropertyDescriptor STS_ENDPOINT = new PropertyDescriptor.Builder()
            .name("STS Endpoint")
            .description("Host name or URL of Tencent STS for Assume Role and Web Identity: sts.tencentcloudapi.com (nearest region), "
                    + "a regional sts.<region>.tencentcloudapi.com, sts.internal.tencentcloudapi.com from inside Tencent Cloud, or "
                    + "sts.intl.tencentcloudapi.com. The Region above is sent as X-TC-Region; TLS and proxy settings apply.")
            .required(true)
            .defaultValue(StsClient.DEFAULT_ENDPOINT)
            .addValidator(StandardTencentCloudClientService::validateStsEndpoint)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor REGION = new PropertyDescriptor.Builder()
            .name("Region")
            .description("The region sent as X-TC-Region. Tencent answers UnsupportedRegion for an Action a region does not serve.")
            .required(true)
            .allowableValues(TencentRegion.class)
            .defaultValue(TencentRegion.AP_GUANGZHOU)
            .build();

    public static final PropertyDescriptor ENDPOINT = new PropertyDescriptor.Builder()
            .name("Endpoint")
            .description("Host name of the OCR API, or a full URL. ocr.tencentcloudapi.com routes to the nearest region; "
                    + "ocr.intl.tencentcloudapi.com is the international site; a URL such as http://127.0.0.1:8080 reaches an "
                    + "emulator or gateway. Plain http is accepted only for loopback hosts unless Allow Plain HTTP is true. "
                    + "The signature always names the service ocr, whatever the host.")
            .required(true)
            .defaultValue("ocr.tencentcloudapi.com")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .build();

    public static final PropertyDescriptor ALLOW_PLAIN_HTTP = new PropertyDescriptor.Builder()
            .name("Allow Plain HTTP")
            .description("When false (the default), an http:// Endpoint is refused unless its host is loopback (localhost, "
                    + "127.0.0.1, ::1): over plain HTTP images, answers, the session token and the signature travel in clear text. "
                    + "Set true only for a gateway on a network you trust.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor LANGUAGE = new PropertyDescriptor.Builder()
            .name("Language")
            .description("Language of Tencent's error messages (X-TC-Language), which become tencent.ocr.error.message, log lines "
                    + "and bulletins. English by default, as NiFi's own messages are; without the header Tencent answers in Chinese.")
            .required(true)
            .allowableValues(ResponseLanguage.class)
            .defaultValue(ResponseLanguage.EN_US)
            .build();

    public static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("Longest time to establish a connection to the endpoint.")
            .required(true)
            .defaultValue("5 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Read Timeout")
            .description("Longest wait for response data. Recognition of a large image or PDF page can take several seconds.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor WRITE_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Write Timeout")
            .description("Longest wait while sending request data; a 10 MB image needs a few seconds on a slow link.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor CALL_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Call Timeout")
            .description("Deadline of a whole call, from connecting to reading the last byte of the answer; the other timeouts "
                    + "bound each step, this one bounds their sum, so a server that drips its answer cannot hold a thread. "
                    + "Expiry routes the FlowFile to retry with Client.Timeout.")
            .required(true)
            .defaultValue("90 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    public static final PropertyDescriptor MAXIMUM_ANSWER_SIZE = new PropertyDescriptor.Builder()
            .name("Maximum Answer Size")
            .description("Largest answer read, counted after decoding (the client asks for uncompressed answers and inflates a "
                    + "compressed one through the same cap). A larger answer is not read: its FlowFile goes to failure with "
                    + "Client.AnswerTooLarge. The default is far above Tencent's largest answers (dense pages with word coordinates).")
            .required(true)
            .defaultValue("32 MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    public static final PropertyDescriptor RATE_LIMIT = new PropertyDescriptor.Builder()
            .name("Rate Limit per Account")
            .description("Most requests per second the whole account sends through this service, over all NiFi nodes and all "
                    + "processors using it, for the Actions without a limit of their own (add one as a dynamic property named "
                    + "after the Action). Tencent's default limit is 20 per second per Action for most general Actions (5 or 10 "
                    + "for many others). On a cluster each connected node takes an equal share, re-counted every few seconds.")
            .required(true)
            .defaultValue("20")
            .addValidator(StandardValidators.createNonNegativeFloatingPointValidator(10_000))
            .build();

    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS trust for the endpoint, e.g. for a corporate TLS-inspecting proxy. Not set: the JVM's default trust store.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .build();

    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE =
            ProxyConfiguration.createProxyConfigPropertyDescriptor(ProxySpec.HTTP, ProxySpec.HTTP_AUTH, ProxySpec.SOCKS);

    public static final PropertyDescriptor SENSITIVE_DATA_ENCRYPTION = new PropertyDescriptor.Builder()
            .name("Sensitive Data Encryption Enabled")
            .description("When true, the service holds Tencent's public keys for EncryptOCRPayload, which encrypts requests and "
                    + "answers end to end (Actions such as RecognizeEncryptedIDCardOCR). Leave false when no flow uses EncryptOCRPayload.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor RSA_PUBLIC_KEY = new PropertyDescriptor.Builder()
            .name("RSA Public Key")
            .description("Tencent's RSA public key for sensitive data encryption with AES-256-CBC (EncryptOCRPayload), as PEM text "
                    + "(BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY) or the Base64 of that PEM, as Tencent OCR support hands it out.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SENSITIVE_DATA_ENCRYPTION, "true")
            .build();

    public static final PropertyDescriptor SM2_PUBLIC_KEY = new PropertyDescriptor.Builder()
            .name("SM2 Public Key")
            .description("Tencent's SM2 public key for sensitive data encryption with SM4-GCM (EncryptOCRPayload), as PEM text "
                    + "or the Base64 of that PEM.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SENSITIVE_DATA_ENCRYPTION, "true")
            .build();

    public static final PropertyDescriptor SESSION_KEY_PROTECTION_SECRET = new PropertyDescriptor.Builder()
            .name("Session Key Protection Secret")
            .description("At least 32 random bytes as Base64 or hex, e.g. the output of `openssl rand -base64 32`, the same on "
                    + "every node, that protects each request's encryption key between EncryptOCRPayload and InvokeTencentOCR (so the "
                    + "answer can be decrypted after a restart or on another node). Passphrases are refused: they can be guessed offline "
                    + "from any output FlowFile. Required when a public key is set. Changing it makes queued encrypted FlowFiles undecryptable.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(SENSITIVE_DATA_ENCRYPTION, "true")
            .build();

    public static final PropertyDescriptor VERIFICATION_REQUEST_ENABLED = new PropertyDescriptor.Builder()
            .name("Verification Request Enabled")
            .description("When true, Verify also sends one GeneralBasicOCR request without an image. Tencent refuses it as a "
                    + "parameter error (not billed) after checking signature, credentials and permission, which proves all three. "
                    + "When false, Verify checks the configuration offline only.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor DAILY_BUDGET = DailyBudgets.DAILY_BUDGET;
    public static final PropertyDescriptor DAILY_BUDGET_PER_ACTION = DailyBudgets.DAILY_BUDGET_PER_ACTION;
    public static final PropertyDescriptor BUDGET_TIME_ZONE = DailyBudgets.BUDGET_TIME_ZONE;

    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            CREDENTIALS_STRATEGY,
            SECRET_ID,
            SECRET_KEY,
            SESSION_TOKEN,
            PROFILE_FILE,
            PROFILE_NAME,
            INSTANCE_ROLE_NAME,
            METADATA_URL,
            ASSUME_ROLE_ARN,
            ROLE_SESSION_NAME,
            ROLE_SESSION_DURATION,
            ASSUME_ROLE_POLICY,
            ASSUME_ROLE_EXTERNAL_ID,
            WEB_IDENTITY_PROVIDER_ID,
            WEB_IDENTITY_TOKEN_FILE,
            WEB_IDENTITY_ROLE_ARN,
            STS_ENDPOINT,
            REGION,
            ENDPOINT,
            ALLOW_PLAIN_HTTP,
            LANGUAGE,
            CONNECT_TIMEOUT,
            READ_TIMEOUT,
            WRITE_TIMEOUT,
            CALL_TIMEOUT,
            MAXIMUM_ANSWER_SIZE,
            RATE_LIMIT,
            DAILY_BUDGET,
            DAILY_BUDGET_PER_ACTION,
            BUDGET_TIME_ZONE,
            SSL_CONTEXT_SERVICE,
            PROXY_CONFIGURATION_SERVICE,
            SENSITIVE_DATA_ENCRYPTION,
            RSA_PUBLIC_KEY,
            SM2_PUBLIC_KEY,
            SESSION_KEY_PROTECTION_SECRET,
            VERIFICATION_REQUEST_ENABLED
    );

    // how often a node renews its lease, how long a lease outlives its last renewal (three missed renewals), and how
    // often the node looks at its membership (free: no state access), so a disconnection or reconnection acts at once
    static final Duration LEASE_RENEWAL = Duration.ofSeconds(3);
    static final Duration LEASE_TIME = Duration.ofSeconds(12);
    static final Duration MEMBERSHIP_CHECK = Duration.ofMillis(500);
    private static final String OLD_RATE_LIMIT = "Rate Limit per Node";
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,63}");

    static final String ENV_SECRET_ID = "TENCENTCLOUD_SECRET_ID";
    static final String ENV_SECRET_KEY = "TENCENTCLOUD_SECRET_KEY";
    static final String ENV_SESSION_TOKEN = "TENCENTCLOUD_SESSION_TOKEN";
    private static final String VERIFICATION_ACTION = "GeneralBasicOCR";
    private static final String OCR_API_VERSION = "2018-11-19";
    private static final SensitiveDataKeys NO_KEYS = new SensitiveDataKeys(null, null, null);

    private volatile TencentApiClient client;
    private volatile boolean allowPlainHttp;
    private volatile CredentialsProvider credentialsProvider;
    private volatile ClientSettings settings;
    private volatile SensitiveDataKeys sensitiveDataKeys = NO_KEYS;
    private volatile AccountRateLimits rateLimits;
    private volatile NodeLeases leases;
    private volatile ScheduledExecutorService leaseRenewer;
    private volatile boolean renewalFailing;
    private final DailyBudgets budgets = new DailyBudgets(this::getLogger);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return new PropertyDescriptor.Builder()
                .name(propertyDescriptorName)
                .description("The account's rate limit for the Action %s, in requests per second over all nodes".formatted(propertyDescriptorName))
                .dynamic(true)
                .required(false)
                .addValidator((subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                        .valid(ACTION_NAME.matcher(subject).matches() && isPositiveRate(input))
                        .explanation("the name must be an Action (such as VatInvoiceOCR) and the value requests per second from " + SettingsChecks.MINIMUM_RATE + " to 10000")
                        .build())
                .build();
    }

    private static boolean isPositiveRate(final String input) {
        try {
            final double rate = Double.parseDouble(input.trim());
            return rate >= SettingsChecks.MINIMUM_RATE && rate <= 10_000;
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    /**
     * Flows written for 0.1 had {@value #OLD_RATE_LIMIT}. Its value becomes the account's limit: on one node that is the
     * same limit; on a cluster the nodes together now send at most that value (before: that value on every node), which never
     * sends more than before and is what the old README asked users to approximate by hand.
     */
    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        config.renameProperty(OLD_RATE_LIMIT, RATE_LIMIT.getName());
        PropertyMigrations.enumNameToValue(config, CREDENTIALS_STRATEGY, CredentialsStrategy.class);
        PropertyMigrations.switchOnWhenAnySet(config, SENSITIVE_DATA_ENCRYPTION, RSA_PUBLIC_KEY, SM2_PUBLIC_KEY, SESSION_KEY_PROTECTION_SECRET);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        final String endpoint = context.getProperty(ENDPOINT).evaluateAttributeExpressions().getValue();
        if (endpoint != null) {
            try {
                final String refusal = TransportSecurity.refusal(ClientSettings.parseEndpoint(endpoint),
                        context.getProperty(ALLOW_PLAIN_HTTP).asBoolean(), ALLOW_PLAIN_HTTP.getName());
                if (refusal != null) {
                    throw new IllegalArgumentException(refusal);
                }
            } catch (final IllegalArgumentException e) {
                results.add(new ValidationResult.Builder().subject(ENDPOINT.getName()).input(endpoint).valid(false)
                        .explanation(e.getMessage()).build());
            }
        }
        if (context.getProperty(RATE_LIMIT).isSet()) {
            SettingsChecks.checkRate(RATE_LIMIT, context.getProperty(RATE_LIMIT).asDouble(), results);
        }
        SettingsChecks.checkStaticCredentials(context, results);
        DailyBudgets.validate(context, results);
        ProxyConfiguration.validateProxySpec(context, results, ProxySpec.HTTP, ProxySpec.HTTP_AUTH, ProxySpec.SOCKS);
        try {
            resolveSensitiveDataKeys(context);
        } catch (final IllegalArgumentException e) {
            results.add(new ValidationResult.Builder().subject("Sensitive Data Encryption").valid(false).explanation(e.getMessage()).build());
        }
        return results;
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        CredentialsProvider credentials = null;
        try {
            final ClientSettings resolved = resolveSettings(context);
            credentials = resolveCredentials(context, System.getenv(), getLogger());
            credentials.get();
            sensitiveDataKeys = resolveSensitiveDataKeys(context);
            settings = resolved;
            allowPlainHttp = context.getProperty(ALLOW_PLAIN_HTTP).asBoolean();
            credentialsProvider = credentials;
            client = new TencentApiClient(resolved, credentials, Clock.systemUTC());
            startRateLimits(context);
            budgets.start(context, getStateManager(), () -> Membership.of(getNodeTypeProvider()));
            getLogger().info("Enabled for endpoint [{}] region [{}], account rate limit {}/s, this node's share {}", resolved.endpoint(),
                    resolved.region(), resolved.requestsPerSecond(), leases.fraction());
        } catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException | CredentialsException e) {
            if (credentials != null) {
                credentials.close();
            }
            throw new InitializationException("Configure Tencent Cloud client failed: " + e.getMessage(), e);
        }
    }

    private void startRateLimits(final ConfigurationContext context) {
        final Map<String, Double> actionLimits = new HashMap<>();
        context.getProperties().forEach((property, value) -> {
            if (property.isDynamic() && value != null) {
                actionLimits.put(property.getName(), Double.parseDouble(value.trim()));
            }
        });
        final AccountRateLimits limits = new AccountRateLimits(context.getProperty(RATE_LIMIT).asDouble(), actionLimits, getLogger());
        final NodeLeases nodeLeases = new NodeLeases(getStateManager(), () -> Membership.of(getNodeTypeProvider()), LEASE_RENEWAL,
                LEASE_TIME, System::currentTimeMillis);
        nodeLeases.subscribe(limits::applyShare);
        renewLease(nodeLeases);
        rateLimits = limits;
        leases = nodeLeases;
        final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "Tencent OCR lease renewal " + getIdentifier());
            thread.setDaemon(true);
            return thread;
        });
        renewer.scheduleWithFixedDelay(() -> renewLease(nodeLeases), MEMBERSHIP_CHECK.toMillis(), MEMBERSHIP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        leaseRenewer = renewer;
    }

    private void renewLease(final NodeLeases nodeLeases) {
        final double before = nodeLeases.fraction();
        try {
            if (nodeLeases.tick()) {
                renewalFailing = false;
            }
        } catch (final IOException | RuntimeException e) {
            // one warning (and bulletin) when renewals start failing, not one every few seconds
            if (!renewalFailing) {
                getLogger().warn("Renewing this node's lease in cluster state failed; sending at a cautious share of {} until it works",
                        nodeLeases.fraction(), e);
            }
            renewalFailing = true;
        }
        if (nodeLeases.fraction() != before) {
            getLogger().info("This node's share of the account's rate limits is now {} ({} nodes with a live lease)",
                    nodeLeases.fraction(), nodeLeases.liveNodes());
        }
    }

    private void stopRateLimits() {
        final ScheduledExecutorService renewer = leaseRenewer;
        final NodeLeases nodeLeases = leases;
        leaseRenewer = null;
        rateLimits = null;
        leases = null;
        if (renewer != null) {
            renewer.shutdownNow();
            try {
                renewer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (nodeLeases != null) {
            try {
                nodeLeases.release();
            } catch (final IOException | RuntimeException e) {
                getLogger().warn("Releasing this node's lease failed; the others take its share when it expires", e);
            }
        }
    }

    @OnDisabled
    public void onDisabled() {
        stopRateLimits();
        budgets.stop();
        final TencentApiClient current = client;
        final CredentialsProvider credentials = credentialsProvider;
        client = null;
        credentialsProvider = null;
        settings = null;
        sensitiveDataKeys = NO_KEYS;
        if (current != null) {
            current.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    @Override
    public boolean acquirePermit(final Duration maxWait) {
        return acquirePermit(null, maxWait);
    }

    @Override
    public boolean acquirePermit(final String action, final Duration maxWait) {
        final AccountRateLimits current = rateLimits;
        if (current == null) {
            throw new IllegalStateException("Tencent Cloud client service is not enabled");
        }
        return current.tryAcquire(action, maxWait);
    }

    @Override
    public boolean reserveBillableCall(final String action) {
        return budgets.reserve(action);
    }

    @Override
    public void releaseBillableCall(final String action) {
        budgets.release(action);
    }

    @Override
    public byte[] download(final URI url, final long maxBytes) throws TencentApiException {
        final TencentApiClient current = requireClient();
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new TencentApiException(TencentApiException.DOWNLOAD_REFUSED, "The result URL is not an http(s) URL with a host", null);
        }
        if (TransportSecurity.refusal(url, allowPlainHttp, ALLOW_PLAIN_HTTP.getName()) != null) {
            throw new TencentApiException(TencentApiException.DOWNLOAD_REFUSED, ("The result file at %s://%s would travel over plain http to a "
                    + "host that is not loopback; set [%s] to true for a network you trust").formatted(scheme, url.getHost(), ALLOW_PLAIN_HTTP.getName()), null);
        }
        return current.download(url, maxBytes);
    }

    @Override
    public long getMaxAnswerBytes() {
        final ClientSettings current = settings;
        if (current == null) {
            throw new IllegalStateException("Tencent Cloud client service is not enabled");
        }
        return current.maxAnswerBytes();
    }

    @Override
    public TencentApiResponse invoke(final TencentApiRequest request) throws TencentApiException {
        final TencentApiClient current = requireClient();
        final CredentialsProvider credentials = credentialsProvider;
        if (credentials == null) {
            throw new IllegalStateException("Tencent Cloud client service is not enabled");
        }
        try {
            final TencentCredentials signing = credentials.get();
            final TencentApiResponse response = current.invoke(request);
            // Expired or revoked temporary credentials: one immediate refresh, and the request once more if it brought new ones.
            if (CredentialsProvider.isRejection(response.errorCode(), signing) && credentials.refreshRejected(signing)) {
                getLogger().info("Tencent refused the credentials with [{}]; refreshed them and sent {} once more", response.errorCode(), request.action());
                return current.invoke(request);
            }
            return response;
        } catch (final CredentialsException e) {
            throw new TencentApiException(TencentApiException.CREDENTIALS_UNAVAILABLE, e.getMessage(), e);
        }
    }

    @Override
    public String getRegion() {
        final ClientSettings current = settings;
        return current == null ? null : current.region();
    }

    @Override
    public URI getEndpoint() {
        final ClientSettings current = settings;
        return current == null ? null : current.endpoint();
    }

    @Override
    public SensitiveDataKeys getSensitiveDataKeys() {
        return sensitiveDataKeys;
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        CredentialsProvider credentials = null;
        try {
            credentials = resolveCredentials(context, System.getenv(), verificationLogger);
            final CredentialsStatus status = credentials.status();
            final TencentCredentials resolved = credentials.get();
            final String kind = status.expiration() != null
                    ? "temporary credentials expiring at %s, next refresh due at %s".formatted(status.expiration(), status.nextRefresh())
                    : resolved.temporary() ? "temporary credentials with a session token" : "a permanent API key";
            final String warning = resolved.secretId().startsWith("AKID") ? "" : "; note: Secret IDs normally start with AKID";
            results.add(step("Resolve Credentials", Outcome.SUCCESSFUL,
                    "%s answered: Secret ID [%s], %s%s".formatted(status.source(), resolved.maskedSecretId(), kind, warning)));
        } catch (final IllegalArgumentException | UncheckedIOException | CredentialsException e) {
            if (credentials != null) {
                credentials.close();
            }
            credentials = null;
            results.add(step("Resolve Credentials", Outcome.FAILED, e.getMessage()));
        }

        ClientSettings resolvedSettings = null;
        try {
            resolvedSettings = resolveSettings(context);
            results.add(step("Resolve Endpoint", Outcome.SUCCESSFUL, "POST %s with region [%s], %s"
                    .formatted(resolvedSettings.endpoint(), resolvedSettings.region(), TransportSecurity.describe(resolvedSettings.endpoint()))));
        } catch (final IllegalArgumentException | IllegalStateException e) {
            results.add(step("Resolve Endpoint", Outcome.FAILED, e.getMessage()));
        }

        try {
            final SensitiveDataKeys keys = resolveSensitiveDataKeys(context);
            final String parsed = keys.rsaPublicKey() == null && keys.sm2PublicKey() == null
                    ? "[%s] is false: EncryptOCRPayload cannot use this service".formatted(SENSITIVE_DATA_ENCRYPTION.getName())
                    : "RSA public key %s, SM2 public key %s, session key protection secret set".formatted(
                    keys.rsaPublicKey() == null ? "not set" : "parsed", keys.sm2PublicKey() == null ? "not set" : "parsed");
            results.add(step("Parse Public Keys", Outcome.SUCCESSFUL, parsed));
        } catch (final IllegalArgumentException e) {
            results.add(step("Parse Public Keys", Outcome.FAILED, e.getMessage()));
        }

        if (!context.getProperty(VERIFICATION_REQUEST_ENABLED).asBoolean()) {
            results.add(step("Send Verification Request", Outcome.SKIPPED,
                    "[%s] is false: no request sent, no quota used".formatted(VERIFICATION_REQUEST_ENABLED.getName())));
        } else if (credentials == null || resolvedSettings == null) {
            results.add(step("Send Verification Request", Outcome.SKIPPED, "Credentials or endpoint not resolved"));
        } else {
            results.add(sendVerificationRequest(resolvedSettings, credentials));
        }
        DailyBudgets.verify(context, getStateManager()).ifPresent(results::add);
        if (credentials != null) {
            credentials.close();
        }
        return results;
    }

    private ConfigVerificationResult sendVerificationRequest(final ClientSettings resolvedSettings,
                                                             final Supplier<TencentCredentials> credentials) {
        try (TencentApiClient verificationClient = new TencentApiClient(resolvedSettings, credentials, Clock.systemUTC())) {
            final TencentApiResponse response = verificationClient.invoke(
                    new TencentApiRequest(VERIFICATION_ACTION, OCR_API_VERSION, "{}".getBytes(StandardCharsets.UTF_8)));
            final String code = response.errorCode();
            if (code == null || code.startsWith("InvalidParameter") || code.startsWith("MissingParameter")
                    || code.startsWith("FailedOperation")) {
                return step("Send Verification Request", Outcome.SUCCESSFUL,
                        "Signature, credentials and ocr:%s permission accepted (answer [%s], RequestId [%s])"
                                .formatted(VERIFICATION_ACTION, code == null ? "success" : code, response.requestId()));
            }
            return step("Send Verification Request", Outcome.FAILED, "Tencent answered [%s] %s (RequestId [%s])"
                    .formatted(code, response.errorMessage(), response.requestId()));
        } catch (final TencentApiException e) {
            return step("Send Verification Request", Outcome.FAILED, "[%s] %s".formatted(e.getErrorCode(), e.getMessage()));
        }
    }

    private static ConfigVerificationResult step(final String name, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(name).outcome(outcome).explanation(explanation).build();
    }

    private TencentApiClient requireClient() {
        final TencentApiClient current = client;
        if (current == null) {
            throw new IllegalStateException("Tencent Cloud client service is not enabled");
        }
        return current;
    }

    /** The credentials provider the properties describe; remote sources are not called until first used. */
    static CredentialsProvider resolveCredentials(final PropertyContext context, final Map<String, String> environment, final ComponentLog log) {
        return CredentialsProviders.resolve(context, environment, log);
    }

    private static ValidationResult validateStsEndpoint(final String subject, final String input, final ValidationContext context) {
        final String value = context.newPropertyValue(input).evaluateAttributeExpressions().getValue();
        try {
            // STS answers carry a Secret Key and a token: the same transport rule as the OCR endpoint
            final String refusal = TransportSecurity.refusal(ClientSettings.parseEndpoint(value),
                    context.getProperty(ALLOW_PLAIN_HTTP).asBoolean(), ALLOW_PLAIN_HTTP.getName());
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        } catch (final IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(e.getMessage()).build();
        }
    }

    static SensitiveDataKeys resolveSensitiveDataKeys(final PropertyContext context) {
        if (!context.getProperty(SENSITIVE_DATA_ENCRYPTION).asBoolean()) {
            return NO_KEYS;
        }
        final String rsaText = context.getProperty(RSA_PUBLIC_KEY).getValue();
        final String sm2Text = context.getProperty(SM2_PUBLIC_KEY).getValue();
        final String secret = context.getProperty(SESSION_KEY_PROTECTION_SECRET).getValue();
        final PublicKey rsa = rsaText == null ? null : readKey(RSA_PUBLIC_KEY, () -> PublicKeyReader.readRsa(rsaText));
        final PublicKey sm2 = sm2Text == null ? null : readKey(SM2_PUBLIC_KEY, () -> PublicKeyReader.readSm2(sm2Text));
        if (rsa == null && sm2 == null) {
            throw new IllegalArgumentException("[%s] is true: set [%s] or [%s]".formatted(SENSITIVE_DATA_ENCRYPTION.getName(),
                    RSA_PUBLIC_KEY.getName(), SM2_PUBLIC_KEY.getName()));
        }
        if (secret == null) {
            throw new IllegalArgumentException("[%s] is required when a public key is set: generate one with [%s]"
                    .formatted(SESSION_KEY_PROTECTION_SECRET.getName(), ProtectionSecret.GENERATE_COMMAND));
        }
        return new SensitiveDataKeys(rsa, sm2, SessionKeyVault.deriveProtectionKey(secret));
    }

    private static PublicKey readKey(final PropertyDescriptor property, final Supplier<PublicKey> reader) {
        try {
            return reader.get();
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("[%s] is invalid: %s".formatted(property.getName(), e.getMessage()), e);
        }
    }

    static ClientSettings resolveSettings(final PropertyContext context) {
        final URI endpoint = ClientSettings.parseEndpoint(context.getProperty(ENDPOINT).evaluateAttributeExpressions().getValue());
        final String refusal = TransportSecurity.refusal(endpoint, context.getProperty(ALLOW_PLAIN_HTTP).asBoolean(), ALLOW_PLAIN_HTTP.getName());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        final SSLContextProvider sslContextProvider = context.getProperty(SSL_CONTEXT_SERVICE).asControllerService(SSLContextProvider.class);
        final ClientSettings.Tls tls = sslContextProvider == null ? null
                : new ClientSettings.Tls(sslContextProvider.createContext(), sslContextProvider.createTrustManager());
        final ProxyConfiguration proxyConfiguration = ProxyConfiguration.getConfiguration(context);
        final ClientSettings.ProxySettings proxy = proxyConfiguration.getProxyType() == Proxy.Type.DIRECT ? null
                : new ClientSettings.ProxySettings(proxyConfiguration.createProxy(), proxyConfiguration.getProxyUserName(),
                proxyConfiguration.getProxyUserPassword());
        return new ClientSettings(endpoint,
                context.getProperty(REGION).getValue(),
                context.getProperty(LANGUAGE).getValue(),
                Duration.ofMillis(context.getProperty(CONNECT_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
                Duration.ofMillis(context.getProperty(READ_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
                Duration.ofMillis(context.getProperty(WRITE_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
                context.getProperty(RATE_LIMIT).asDouble(),
                tls,
                proxy,
                Duration.ofMillis(context.getProperty(CALL_TIMEOUT).asTimePeriod(TimeUnit.MILLISECONDS)),
                context.getProperty(MAXIMUM_ANSWER_SIZE).asDataSize(DataUnit.B).longValue());
    }

    @Override
    public String toString() {
        return "StandardTencentCloudClientService[id=" + getIdentifier() + "]";
    }
}
