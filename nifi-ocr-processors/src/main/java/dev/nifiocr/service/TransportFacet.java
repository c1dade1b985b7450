package dev.nifiocr.service;

import dev.nifiocr.client.ClientSettings;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.client.TransportSecurity;
import dev.nifiocr.credentials.StsClient;
import dev.nifiocr.service.api.TencentApiException;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxySpec;
import org.apache.nifi.ssl.SSLContextProvider;

import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The client service's transport: endpoint, region, language, timeouts, answer cap, TLS and proxy, and the one HTTP
 * connection pool (a {@link TencentApiClient}) that OCR, STS and result downloads share while the service is enabled.
 * One rule for every URL: https, or plain http only to a loopback host unless Allow Plain HTTP is true.
 */
final class TransportFacet {

    private static final ProxySpec[] PROXY_SPECS = {ProxySpec.HTTP, ProxySpec.HTTP_AUTH, ProxySpec.SOCKS};
    private static final long BYTES_PER_MB = (long) DataUnit.MB.toB(1);

    static final PropertyDescriptor STS_ENDPOINT = new PropertyDescriptor.Builder()
            .name("STS Endpoint")
            .description("Host name or URL of Tencent STS, which issues the role's credentials: sts.tencentcloudapi.com (nearest region), "
                    + "a regional sts.<region>.tencentcloudapi.com, sts.internal.tencentcloudapi.com from inside Tencent Cloud, or "
                    + "sts.intl.tencentcloudapi.com. The Region below is sent as X-TC-Region; TLS and proxy settings apply. Shown with "
                    + "Assume Role ARN; without it (Web Identity reading TKE_ROLE_ARN, Default Chain) STS is called here too, by default "
                    + "sts.tencentcloudapi.com as in Tencent's SDKs.")
            .required(true)
            .defaultValue(StsClient.DEFAULT_ENDPOINT)
            .addValidator(TransportFacet::validateStsEndpoint)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .dependsOn(CredentialsFacet.ASSUME_ROLE_ARN)
            .build();

    static final PropertyDescriptor REGION = new PropertyDescriptor.Builder()
            .name("Region")
            .description("The region sent as X-TC-Region. Tencent answers UnsupportedRegion for an Action a region does not serve.")
            .required(true)
            .allowableValues(TencentRegion.class)
            .defaultValue(TencentRegion.AP_GUANGZHOU)
            .build();

    static final PropertyDescriptor ENDPOINT = new PropertyDescriptor.Builder()
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

    static final PropertyDescriptor ALLOW_PLAIN_HTTP = new PropertyDescriptor.Builder()
            .name("Allow Plain HTTP")
            .description("When false (the default), an http:// Endpoint is refused unless its host is loopback (localhost, "
                    + "127.0.0.1, ::1): over plain HTTP images, answers, the session token and the signature travel in clear text. "
                    + "Set true only for a gateway on a network you trust.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor LANGUAGE = new PropertyDescriptor.Builder()
            .name("Language")
            .description("Language of Tencent's error messages (X-TC-Language), which become tencent.ocr.error.message, log lines "
                    + "and bulletins. English by default, as NiFi's own messages are; without the header Tencent answers in Chinese.")
            .required(true)
            .allowableValues(ResponseLanguage.class)
            .defaultValue(ResponseLanguage.EN_US)
            .build();

    static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("Longest time to establish a connection to the endpoint.")
            .required(true)
            .defaultValue("5 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor READ_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Read Timeout")
            .description("Longest wait for response data. Recognition of a large image or PDF page can take several seconds.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor WRITE_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Write Timeout")
            .description("Longest wait while sending request data; a 10 MB image needs a few seconds on a slow link.")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor CALL_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Call Timeout")
            .description("Deadline of a whole call, from connecting to reading the last byte of the answer; the other timeouts "
                    + "bound each step, this one bounds their sum, so a server that drips its answer cannot hold a thread. "
                    + "Expiry routes the FlowFile to retry with Client.Timeout.")
            .required(true)
            .defaultValue(ClientSettings.DEFAULT_CALL_TIMEOUT.toSeconds() + " secs")
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    static final PropertyDescriptor MAXIMUM_ANSWER_SIZE = new PropertyDescriptor.Builder()
            .name("Maximum Answer Size")
            .description("Largest answer read, counted after decoding (the client asks for uncompressed answers and inflates a "
                    + "compressed one through the same cap). A larger answer is not read: its FlowFile goes to failure with "
                    + "Client.AnswerTooLarge. The default is far above Tencent's largest answers (dense pages with word coordinates).")
            .required(true)
            .defaultValue(ClientSettings.DEFAULT_MAX_ANSWER_BYTES / BYTES_PER_MB + " MB")
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("SSL Context Service")
            .description("TLS trust for the endpoint, e.g. for a corporate TLS-inspecting proxy. Not set: the JVM's default trust store.")
            .required(false)
            .identifiesControllerService(SSLContextProvider.class)
            .build();

    static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = ProxyConfiguration.createProxyConfigPropertyDescriptor(PROXY_SPECS);

    private volatile ClientSettings settings;
    private volatile TencentApiClient client;
    private volatile boolean allowPlainHttp;

    static void validate(final ValidationContext context, final Collection<ValidationResult> results) {
        final String endpoint = context.getProperty(ENDPOINT).evaluateAttributeExpressions().getValue();
        if (endpoint != null) {
            try {
                allowedEndpoint(endpoint, context);
            } catch (final IllegalArgumentException e) {
                results.add(new ValidationResult.Builder().subject(ENDPOINT.getName()).input(endpoint).valid(false)
                        .explanation(e.getMessage()).build());
            }
        }
        ProxyConfiguration.validateProxySpec(context, results, PROXY_SPECS);
    }

    /** STS answers carry a Secret Key and a token: the same transport rule as the OCR endpoint. */
    private static ValidationResult validateStsEndpoint(final String subject, final String input, final ValidationContext context) {
        final ValidationResult.Builder result = new ValidationResult.Builder().subject(subject).input(input);
        try {
            allowedEndpoint(context.newPropertyValue(input).evaluateAttributeExpressions().getValue(), context);
            return result.valid(true).build();
        } catch (final IllegalArgumentException e) {
            return result.valid(false).explanation(e.getMessage()).build();
        }
    }

    /** The endpoint a property value names, when the transport rule allows it; else IllegalArgumentException saying why. */
    private static URI allowedEndpoint(final String value, final PropertyContext context) {
        final URI endpoint = ClientSettings.parseEndpoint(value);
        final String refusal = TransportSecurity.refusal(endpoint, context.getProperty(ALLOW_PLAIN_HTTP).asBoolean(), ALLOW_PLAIN_HTTP.getName());
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        return endpoint;
    }

    static URI stsEndpoint(final PropertyContext context) {
        return allowedEndpoint(context.getProperty(STS_ENDPOINT).evaluateAttributeExpressions().getValue(), context);
    }

    static ClientSettings resolveSettings(final PropertyContext context) {
        final URI endpoint = allowedEndpoint(context.getProperty(ENDPOINT).evaluateAttributeExpressions().getValue(), context);
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
                duration(context, CONNECT_TIMEOUT),
                duration(context, READ_TIMEOUT),
                duration(context, WRITE_TIMEOUT),
                tls,
                proxy,
                duration(context, CALL_TIMEOUT),
                context.getProperty(MAXIMUM_ANSWER_SIZE).asDataSize(DataUnit.B).longValue());
    }

    private static Duration duration(final PropertyContext context, final PropertyDescriptor property) {
        return Duration.ofMillis(context.getProperty(property).asTimePeriod(TimeUnit.MILLISECONDS));
    }

    /** Resolves the settings and opens the connection pool; nothing goes on the network yet. */
    void start(final PropertyContext context) {
        final ClientSettings resolved = resolveSettings(context);
        allowPlainHttp = context.getProperty(ALLOW_PLAIN_HTTP).asBoolean();
        settings = resolved;
        client = new TencentApiClient(resolved, Clock.systemUTC());
    }

    void stop() {
        final TencentApiClient current = client;
        client = null;
        settings = null;
        if (current != null) {
            current.close();
        }
    }

    /** The region sent as X-TC-Region, or null (also when not enabled). */
    String region() {
        final ClientSettings current = settings;
        return current == null ? null : current.region();
    }

    /** The endpoint requests go to, or null when not enabled. */
    URI endpoint() {
        final ClientSettings current = settings;
        return current == null ? null : current.endpoint();
    }

    long maxAnswerBytes() {
        return Enabled.require(settings).maxAnswerBytes();
    }

    TencentApiClient client() {
        return Enabled.require(client);
    }

    /** A result file Tencent links to, under the transport rule; the link is quoted by scheme and host only. */
    byte[] download(final URI url, final long maxBytes) throws TencentApiException {
        final TencentApiClient current = client();
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new TencentApiException(TencentApiException.DOWNLOAD_REFUSED, "The result URL is not an http(s) URL with a host", null);
        }
        if (TransportSecurity.refusal(url, allowPlainHttp, ALLOW_PLAIN_HTTP.getName()) != null) {
            throw new TencentApiException(TencentApiException.DOWNLOAD_REFUSED, ("The result file at %s://%s would travel over plain http to a "
                    + "host that is not loopback; set [%s] to true for a network you trust").formatted(scheme, url.getHost(), ALLOW_PLAIN_HTTP.getName()), null);
        }
        return current.download(url, maxBytes);
    }

    /** Verify's "Resolve Endpoint" step, from the settings resolved for Verify or why they could not be. */
    static ConfigVerificationResult verify(final ClientSettings resolved, final RuntimeException problem) {
        if (resolved == null) {
            return VerificationFacet.step("Resolve Endpoint", Outcome.FAILED, problem.getMessage());
        }
        return VerificationFacet.step("Resolve Endpoint", Outcome.SUCCESSFUL, "POST %s with region [%s], %s"
                .formatted(resolved.endpoint(), resolved.region(), TransportSecurity.describe(resolved.endpoint())));
    }
}
