package dev.nifiocr.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A role assumed with an OIDC token through STS AssumeRoleWithWebIdentity, as on TKE with workload identity. The token
 * file is read again on every refresh, because the platform rotates the token in it.
 */
public final class WebIdentitySource implements CredentialsSource {

    /** The Java SDK refreshes web identity credentials when 600 s or less are left. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(600);
    /** TKE's variables, as the SDKs read them. */
    public static final String ENV_REGION = "TKE_REGION";
    public static final String ENV_PROVIDER_ID = "TKE_PROVIDER_ID";
    public static final String ENV_TOKEN_FILE = "TKE_WEB_IDENTITY_TOKEN_FILE";
    public static final String ENV_ROLE_ARN = "TKE_ROLE_ARN";

    private final StsClient sts;
    private final String providerId;
    private final Path tokenFile;
    private final String roleArn;
    private final String roleSessionName;
    private final long durationSeconds;

    public WebIdentitySource(final StsClient sts, final String providerId, final Path tokenFile, final String roleArn,
                             final String roleSessionName, final long durationSeconds) {
        this.sts = sts;
        this.providerId = providerId;
        this.tokenFile = tokenFile;
        this.roleArn = roleArn;
        this.roleSessionName = roleSessionName;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public String description() {
        return "Web Identity [%s] of provider [%s]".formatted(roleArn, providerId);
    }

    @Override
    public IssuedCredentials fetch() {
        final String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (final IOException e) {
            throw new CredentialsException("token file [%s] cannot be read: %s".formatted(tokenFile, FileProblem.describe(tokenFile, e)), e);
        }
        if (token.isEmpty()) {
            throw new CredentialsException("token file [%s] is empty".formatted(tokenFile));
        }
        return sts.assumeRoleWithWebIdentity(new StsClient.WebIdentityParameters(providerId, token, roleArn, roleSessionName, durationSeconds));
    }
}
