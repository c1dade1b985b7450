package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The SDKs' default chain: the first candidate that yields credentials answers from then on (environment variables,
 * profile file, CVM instance role, TKE web identity, in that order). Unlike the Java SDK, a candidate that fails, such
 * as the metadata service off a CVM, does not stop the chain.
 */
public final class DefaultChain implements CredentialsProvider {

    /**
     * One link of the chain.
     *
     * @param name what it is, for messages
     * @param factory builds the provider; throws {@link CredentialsException} or IllegalArgumentException when not configured
     */
    public record Candidate(String name, Supplier<CredentialsProvider> factory) {
    }

    private final List<Candidate> candidates;
    private volatile CredentialsProvider chosen;

    public DefaultChain(final List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    @Override
    public TencentCredentials get() {
        final CredentialsProvider current = chosen;
        return current == null ? choose().get() : current.get();
    }

    @Override
    public CredentialsStatus status() {
        final CredentialsProvider current = chosen == null ? choose() : chosen;
        final CredentialsStatus status = current.status();
        return new CredentialsStatus("Default Chain: " + status.source(), status.expiration(), status.nextRefresh());
    }

    @Override
    public boolean refreshRejected(final TencentCredentials rejected) {
        final CredentialsProvider current = chosen;
        return current != null && current.refreshRejected(rejected);
    }

    private synchronized CredentialsProvider choose() {
        if (chosen != null) {
            return chosen;
        }
        final List<String> reasons = new ArrayList<>();
        for (final Candidate candidate : candidates) {
            CredentialsProvider provider = null;
            try {
                provider = candidate.factory().get();
                provider.get();
                chosen = provider;
                return provider;
            } catch (final CredentialsException | IllegalArgumentException e) {
                reasons.add("%s: %s".formatted(candidate.name(), e.getMessage()));
                if (provider != null) {
                    provider.close();
                }
            }
        }
        throw new CredentialsException("Default Chain found no credentials; " + String.join("; ", reasons));
    }

    @Override
    public void close() {
        final CredentialsProvider current = chosen;
        if (current != null) {
            current.close();
        }
    }
}
