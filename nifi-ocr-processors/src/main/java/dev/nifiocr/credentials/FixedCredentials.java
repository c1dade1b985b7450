package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;

import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Credentials that do not expire on their own: API keys set on the service, in environment variables or in a profile
 * file (whose supplier re-reads it when it changes).
 */
public final class FixedCredentials implements CredentialsProvider {

    private final String source;
    private final Supplier<TencentCredentials> supplier;

    public FixedCredentials(final String source, final Supplier<TencentCredentials> supplier) {
        this.source = source;
        this.supplier = supplier;
    }

    @Override
    public TencentCredentials get() {
        try {
            return supplier.get();
        } catch (final IllegalArgumentException | UncheckedIOException e) {
            throw new CredentialsException("%s: %s".formatted(source, e.getMessage()), e);
        }
    }

    @Override
    public CredentialsStatus status() {
        get();
        return new CredentialsStatus(source, null, null);
    }
}
