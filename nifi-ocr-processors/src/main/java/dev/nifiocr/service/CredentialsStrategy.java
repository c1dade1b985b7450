package dev.nifiocr.service;

import org.apache.nifi.components.DescribedValue;

/** Where the Tencent Cloud client service finds its credentials. */
public enum CredentialsStrategy implements DescribedValue {
    STATIC_KEYS("Secret ID and Secret Key",
            "The Secret ID, Secret Key and optional Session Token set on this service."),
    ENVIRONMENT_VARIABLES("Environment Variables",
            "TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and optional TENCENTCLOUD_SESSION_TOKEN of the NiFi process, as the Tencent SDKs read them."),
    PROFILE_FILE("Profile File",
            "secret_id and secret_key of a section of the Tencent SDK profile file (~/.tencentcloud/credentials by default); re-read when the file changes."),
    INSTANCE_ROLE("CVM Instance Role",
            "Temporary credentials of the CAM role bound to the CVM instance NiFi runs on, from the instance metadata service; "
                    + "refreshed before they expire."),
    WEB_IDENTITY("Web Identity",
            "Temporary credentials of a CAM role assumed with an OIDC token (STS AssumeRoleWithWebIdentity), as TKE workload "
                    + "identity provides it; properties not set are read from TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE and TKE_ROLE_ARN."),
    DEFAULT_CHAIN("Default Chain",
            "The first of, in the Tencent SDKs' order: environment variables, the profile file (TENCENTCLOUD_CREDENTIALS_FILE, "
                    + "~/.tencentcloud/credentials, /etc/tencentcloud/credentials), the CVM instance role, TKE web identity.");

    private final String displayName;
    private final String description;

    CredentialsStrategy(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    /** The label is the value, so the saved flow and the property's tooltip read as the list does. */
    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
