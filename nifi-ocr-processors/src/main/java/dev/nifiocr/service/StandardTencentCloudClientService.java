package dev.nifiocr.service;

import dev.nifiocr.cluster.MembershipWatch;
import dev.nifiocr.credentials.CredentialsException;
import dev.nifiocr.service.api.SensitiveDataKeys;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCloudClientService;
import org.apache.nifi.annotation.behavior.DynamicProperty;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.reporting.InitializationException;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The client service, composed of facets that each own their properties, checks, start and stop and Verify step:
 * {@link CredentialsFacet}, {@link TransportFacet}, {@link RateLimitFacet}, {@link DailyBudgets}, {@link SensitiveDataFacet}
 * and {@link VerificationFacet}. Enabling does no network I/O and never asks NiFi's flow controller: the first
 * credentials, this node's cluster membership and its lease are handled on the service's own threads afterwards.
 */
@Tags({"tencent", "tencent cloud", "ocr", "credentials", "client"})
@CapabilityDescription("Connects the Tencent Cloud OCR processors to your Tencent Cloud account: credentials, region, endpoint, "
        + "HTTP connection pool and the account's rate limits (API 3.0, TC3-HMAC-SHA256 signatures). Every processor that references the service shares "
        + "one connection pool; on a cluster each node takes its share of the account's limits.")
@Stateful(scopes = Scope.CLUSTER, description = "Each node using the service holds a lease (lease.<random id> = expiry time; "
        + "acknowledged epoch; the limits it has work for) renewed every few seconds, and leases.epoch numbers the changes of "
        + "leases and work: the nodes with work split the account's rate limits, a share given only once the others have "
        + "acknowledged giving it up. With a daily budget: "
        + "budget.day and budget.leased (.<Action>) count the billable calls leased to nodes today, in blocks of "
        + DailyBudgets.BLOCK_SIZE + ".")
@DynamicProperty(name = "An OCR Action, such as VatInvoiceOCR", value = "Requests per second",
        description = "The account's rate limit for that Action, over all nodes, where Tencent's limit for it differs from "
                + "Rate Limit per Account; the Action then has a limiter of its own instead of sharing that one.")
public class StandardTencentCloudClientService extends AbstractControllerService implements TencentCloudClientService, VerifiableControllerService {

    public static final PropertyDescriptor CREDENTIALS_STRATEGY = CredentialsFacet.CREDENTIALS_STRATEGY;
    public static final PropertyDescriptor SECRET_ID = CredentialsFacet.SECRET_ID;
    public static final PropertyDescriptor SECRET_KEY = CredentialsFacet.SECRET_KEY;
    public static final PropertyDescriptor SESSION_TOKEN = CredentialsFacet.SESSION_TOKEN;
    public static final PropertyDescriptor PROFILE_FILE = CredentialsFacet.PROFILE_FILE;
    public static final PropertyDescriptor PROFILE_NAME = CredentialsFacet.PROFILE_NAME;
    public static final PropertyDescriptor INSTANCE_ROLE_NAME = CredentialsFacet.INSTANCE_ROLE_NAME;
    public static final PropertyDescriptor METADATA_URL = CredentialsFacet.METADATA_URL;
    public static final PropertyDescriptor ASSUME_ROLE_ARN = CredentialsFacet.ASSUME_ROLE_ARN;
    public static final PropertyDescriptor ROLE_SESSION_NAME = CredentialsFacet.ROLE_SESSION_NAME;
    public static final PropertyDescriptor ROLE_SESSION_DURATION = CredentialsFacet.ROLE_SESSION_DURATION;
    public static final PropertyDescriptor ASSUME_ROLE_POLICY = CredentialsFacet.ASSUME_ROLE_POLICY;
    public static final PropertyDescriptor ASSUME_ROLE_EXTERNAL_ID = CredentialsFacet.ASSUME_ROLE_EXTERNAL_ID;
    public static final PropertyDescriptor WEB_IDENTITY_PROVIDER_ID = CredentialsFacet.WEB_IDENTITY_PROVIDER_ID;
    public static final PropertyDescriptor WEB_IDENTITY_TOKEN_FILE = CredentialsFacet.WEB_IDENTITY_TOKEN_FILE;
    public static final PropertyDescriptor STS_ENDPOINT = TransportFacet.STS_ENDPOINT;
    public static final PropertyDescriptor REGION = TransportFacet.REGION;
    public static final PropertyDescriptor ENDPOINT = TransportFacet.ENDPOINT;
    public static final PropertyDescriptor ALLOW_PLAIN_HTTP = TransportFacet.ALLOW_PLAIN_HTTP;
    public static final PropertyDescriptor LANGUAGE = TransportFacet.LANGUAGE;
    public static final PropertyDescriptor CONNECT_TIMEOUT = TransportFacet.CONNECT_TIMEOUT;
    public static final PropertyDescriptor READ_TIMEOUT = TransportFacet.READ_TIMEOUT;
    public static final PropertyDescriptor WRITE_TIMEOUT = TransportFacet.WRITE_TIMEOUT;
    public static final PropertyDescriptor CALL_TIMEOUT = TransportFacet.CALL_TIMEOUT;
    public static final PropertyDescriptor MAXIMUM_ANSWER_SIZE = TransportFacet.MAXIMUM_ANSWER_SIZE;
    public static final PropertyDescriptor RATE_LIMIT = RateLimitFacet.RATE_LIMIT;
    public static final PropertyDescriptor DAILY_BUDGET_ENABLED = DailyBudgets.DAILY_BUDGET_ENABLED;
    public static final PropertyDescriptor DAILY_BUDGET = DailyBudgets.DAILY_BUDGET;
    public static final PropertyDescriptor DAILY_BUDGET_PER_ACTION = DailyBudgets.DAILY_BUDGET_PER_ACTION;
    public static final PropertyDescriptor BUDGET_TIME_ZONE = DailyBudgets.BUDGET_TIME_ZONE;
    public static final PropertyDescriptor SSL_CONTEXT_SERVICE = TransportFacet.SSL_CONTEXT_SERVICE;
    public static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = TransportFacet.PROXY_CONFIGURATION_SERVICE;
    public static final PropertyDescriptor SENSITIVE_DATA_ENCRYPTION = SensitiveDataFacet.SENSITIVE_DATA_ENCRYPTION;
    public static final PropertyDescriptor RSA_PUBLIC_KEY = SensitiveDataFacet.RSA_PUBLIC_KEY;
    public static final PropertyDescriptor SM2_PUBLIC_KEY = SensitiveDataFacet.SM2_PUBLIC_KEY;
    public static final PropertyDescriptor SESSION_KEY_PROTECTION_SECRET = SensitiveDataFacet.SESSION_KEY_PROTECTION_SECRET;
    public static final PropertyDescriptor VERIFICATION_REQUEST_ENABLED = VerificationFacet.VERIFICATION_REQUEST_ENABLED;

    // the order users see in the UI: each facet's properties, with the budgets after the rate limit and TLS and proxy below them
    static final List<PropertyDescriptor> PROPERTY_DESCRIPTORS = List.of(
            CREDENTIALS_STRATEGY, SECRET_ID, SECRET_KEY, SESSION_TOKEN, PROFILE_FILE, PROFILE_NAME, INSTANCE_ROLE_NAME, METADATA_URL,
            WEB_IDENTITY_PROVIDER_ID, WEB_IDENTITY_TOKEN_FILE,
            ASSUME_ROLE_ARN, ROLE_SESSION_NAME, ROLE_SESSION_DURATION, ASSUME_ROLE_POLICY, ASSUME_ROLE_EXTERNAL_ID, STS_ENDPOINT, REGION, ENDPOINT, ALLOW_PLAIN_HTTP, LANGUAGE, CONNECT_TIMEOUT, READ_TIMEOUT, WRITE_TIMEOUT, CALL_TIMEOUT, MAXIMUM_ANSWER_SIZE,
            RATE_LIMIT, DAILY_BUDGET_ENABLED, DAILY_BUDGET, DAILY_BUDGET_PER_ACTION, BUDGET_TIME_ZONE,
            SSL_CONTEXT_SERVICE, PROXY_CONFIGURATION_SERVICE,
            SENSITIVE_DATA_ENCRYPTION, RSA_PUBLIC_KEY, SM2_PUBLIC_KEY, SESSION_KEY_PROTECTION_SECRET,
            VERIFICATION_REQUEST_ENABLED);

    /** How long a processor thread waits, once after enabling, for this node's membership before it takes the cautious view. */
    static final Duration FIRST_MEMBERSHIP_WAIT = Duration.ofSeconds(5);

    private final CredentialsFacet credentials = new CredentialsFacet(this::getLogger);
    private final TransportFacet transport = new TransportFacet();
    private final RateLimitFacet rateLimits = new RateLimitFacet(this::getLogger);
    private final DailyBudgets budgets = new DailyBudgets(this::getLogger);
    private final SensitiveDataFacet sensitiveData = new SensitiveDataFacet();
    private volatile CredentialedClient calls;
    private volatile ScheduledExecutorService background;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTY_DESCRIPTORS;
    }

    @Override
    protected PropertyDescriptor getSupportedDynamicPropertyDescriptor(final String propertyDescriptorName) {
        return RateLimitFacet.actionLimit(propertyDescriptorName);
    }

    @Override
    public void migrateProperties(final PropertyConfiguration config) {
        RateLimitFacet.migrate(config);
        CredentialsFacet.migrate(config);
        DailyBudgets.migrate(config);
        SensitiveDataFacet.migrate(config);
    }

    @Override
    protected Collection<ValidationResult> customValidate(final ValidationContext context) {
        final List<ValidationResult> results = new ArrayList<>();
        TransportFacet.validate(context, results);
        RateLimitFacet.validate(context, results);
        CredentialsFacet.validate(context, results);
        DailyBudgets.validate(context, results);
        SensitiveDataFacet.validate(context, results);
        return results;
    }

    /** Resolves every setting and starts the service's threads; no network I/O here, and no call into NiFi's flow controller. */
    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws InitializationException {
        try {
            sensitiveData.start(context);
            transport.start(context);
            final ScheduledExecutorService threads = backgroundThreads();
            background = threads;
            credentials.start(context, () -> transport.client().httpClient(), threads);
            calls = new CredentialedClient(transport.client(), credentials.provider(), rateLimits::awaitSendSlot, getLogger());
            final MembershipWatch membership = new MembershipWatch(getNodeTypeProvider(), FIRST_MEMBERSHIP_WAIT);
            rateLimits.start(context, getStateManager(), membership, threads);
            budgets.start(context, getStateManager(), membership);
            getLogger().info("Enabled for endpoint [{}] region [{}], account rate limit {}/s; this node's share starts at {} until its "
                    + "cluster membership is read (and on a cluster, until the other nodes have made room for it), and the credentials "
                    + "are fetched in the background", transport.endpoint(), transport.region(),
                    context.getProperty(RATE_LIMIT).asDouble(), RateLimitFacet.SHARE_UNTIL_COUNTED);
        } catch (final IllegalArgumentException | IllegalStateException | UncheckedIOException | CredentialsException e) {
            onDisabled();
            throw new InitializationException("Configure Tencent Cloud client failed: " + e.getMessage(), e);
        }
    }

    private ScheduledExecutorService backgroundThreads() {
        // two threads: a slow credentials source must not hold up the lease renewals
        return Executors.newScheduledThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "Tencent OCR client service " + getIdentifier());
            thread.setDaemon(true);
            return thread;
        });
    }

    @OnDisabled
    public void onDisabled() {
        final ScheduledExecutorService threads = background;
        background = null;
        calls = null;
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rateLimits.stop();
        budgets.stop();
        transport.stop();
        credentials.stop();
        sensitiveData.stop();
    }

    @Override
    public boolean acquirePermit(final String action, final Duration maxWait) {
        return rateLimits.acquirePermit(action, maxWait);
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
    public TencentApiResponse invoke(final TencentApiRequest request) throws TencentApiException {
        return Enabled.require(calls).invoke(request);
    }

    @Override
    public CompletableFuture<TencentApiResponse> invokeAsync(final TencentApiRequest request) {
        return Enabled.require(calls).invokeAsync(request);
    }

    @Override
    public byte[] download(final URI url, final long maxBytes) throws TencentApiException {
        return transport.download(url, maxBytes);
    }

    @Override
    public long getMaxAnswerBytes() {
        return transport.maxAnswerBytes();
    }

    @Override
    public String getRegion() {
        return transport.region();
    }

    @Override
    public URI getEndpoint() {
        return transport.endpoint();
    }

    @Override
    public SensitiveDataKeys getSensitiveDataKeys() {
        return sensitiveData.keys();
    }

    @Override
    public List<ConfigVerificationResult> verify(final ConfigurationContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> variables) {
        return VerificationFacet.verify(context, getStateManager(), verificationLogger, getNodeTypeProvider().isConfiguredForClustering());
    }

    /** Requests per second this node sends now for the Action (null: the shared limit); 0 when disabled. */
    double nodeRate(final String action) {
        return rateLimits.nodeRate(action);
    }

    @Override
    public String toString() {
        return "StandardTencentCloudClientService[id=" + getIdentifier() + "]";
    }
}
