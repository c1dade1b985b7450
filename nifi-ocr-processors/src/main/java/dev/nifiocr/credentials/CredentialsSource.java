package dev.nifiocr.credentials;

/** Somewhere temporary credentials are fetched from: the instance metadata service, STS. Called by {@link RefreshingCredentials} only. */
interface CredentialsSource {

    /** What this source is, for messages and Verify, e.g. "CVM Instance Role [nifi-ocr]"; never a secret. */
    String description();

    /**
     * Fetches a fresh set of credentials.
     *
     * @throws CredentialsException naming what went wrong
     */
    IssuedCredentials fetch();
}
