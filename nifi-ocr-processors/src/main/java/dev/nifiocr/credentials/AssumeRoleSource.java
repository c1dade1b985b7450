package dev.nifiocr.credentials;

import java.time.Duration;

/**
 * A role assumed with STS AssumeRole, signed by the credentials of a base provider (API keys, environment, profile or
 * the instance role), which refresh on their own.
 */
public final class AssumeRoleSource implements CredentialsSource, AutoCloseable {

    /** The Java SDK refreshes AssumeRole credentials when 300 s or less are left. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(300);

    private final String baseSource;
    private final CredentialsProvider base;
    private final StsClient sts;
    private final StsClient.AssumeRoleParameters parameters;

    /**
     * @param baseSource what the base credentials are, e.g. "CVM Instance Role", for messages
     */
    public AssumeRoleSource(final String baseSource, final CredentialsProvider base, final StsClient sts, final StsClient.AssumeRoleParameters parameters) {
        this.baseSource = baseSource;
        this.base = base;
        this.sts = sts;
        this.parameters = parameters;
    }

    @Override
    public String description() {
        return "Assume Role [%s] with %s".formatted(parameters.roleArn(), baseSource);
    }

    @Override
    public IssuedCredentials fetch() {
        return sts.assumeRole(base.get(), parameters);
    }

    @Override
    public void close() {
        base.close();
    }
}
