package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** No candidate yielded credentials; the message has one line per source, {@link #reasons()} the same lines for Verify. */
    public static final class NoCredentials extends CredentialsException {

        private final Map<String, String> reasons;

        NoCredentials(final Map<String, String> reasons) {
            super("Default Chain found no credentials in its %d sources:%n%s".formatted(reasons.size(),
                    String.join(System.lineSeparator(), reasons.values())));
            this.reasons = new LinkedHashMap<>(reasons);
        }

        /** Why each source gave none, one line each, naming the source once, by source in the chain's order. */
        public Map<String, String> reasons() {
            return new LinkedHashMap<>(reasons);
        }
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
        final Map<String, String> reasons = new LinkedHashMap<>();
        for (final Candidate candidate : candidates) {
            CredentialsProvider provider = null;
            try {
                provider = candidate.factory().get();
                provider.get();
                chosen = provider;
                return provider;
            } catch (final CredentialsException | IllegalArgumentException e) {
                reasons.put(candidate.name(), line(candidate.name(), e.getMessage()));
                if (provider != null) {
                    provider.close();
                }
            }
        }
        throw new NoCredentials(reasons);
    }

    /** The source's message, prefixed with its name unless it names itself first ("CVM Instance Role: no valid..."). */
    private static String line(final String name, final String message) {
        return message != null && message.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT)) ? message : name + ": " + message;
    }

    @Override
    public void close() {
        final CredentialsProvider current = chosen;
        if (current != null) {
            current.close();
        }
    }
}
