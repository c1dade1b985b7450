package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DefaultChainTest {

    private static final TencentCredentials PROFILE = new TencentCredentials("AKIDprofile", "profile-key", null);

    @Test
    void answersFromTheFirstCandidateThatYieldsCredentials() {
        final AtomicInteger built = new AtomicInteger();
        final DefaultChain chain = new DefaultChain(List.of(
                new DefaultChain.Candidate("Environment Variables", () -> {
                    throw new IllegalArgumentException("TENCENTCLOUD_SECRET_ID not set");
                }),
                new DefaultChain.Candidate("Profile File", () -> {
                    built.incrementAndGet();
                    return new FixedCredentials("Profile File [/etc/tencentcloud/credentials]", () -> PROFILE);
                }),
                new DefaultChain.Candidate("CVM Instance Role", () -> {
                    throw new AssertionError("not reached");
                })));

        assertEquals(PROFILE, chain.get());
        assertEquals(PROFILE, chain.get());
        assertEquals(new CredentialsStatus("Default Chain: Profile File [/etc/tencentcloud/credentials]", null, null), chain.status());
        assertEquals(1, built.get());
    }

    @Test
    void namesEveryCandidateWhenNoneAnswers() {
        final DefaultChain chain = new DefaultChain(List.of(
                new DefaultChain.Candidate("Environment Variables", () -> {
                    throw new IllegalArgumentException("not set");
                }),
                new DefaultChain.Candidate("CVM Instance Role", () -> new FixedCredentials("CVM Instance Role", () -> {
                    throw new CredentialsException("metadata service did not answer");
                }))));

        final DefaultChain.NoCredentials none = assertThrows(DefaultChain.NoCredentials.class, chain::get);
        assertEquals(String.join(System.lineSeparator(), "Default Chain found no credentials in its 2 sources:",
                "Environment Variables: not set", "CVM Instance Role: metadata service did not answer"), none.getMessage());
        assertEquals(List.of("Environment Variables", "CVM Instance Role"), List.copyOf(none.reasons().keySet()));
        assertEquals("Environment Variables: not set", none.reasons().get("Environment Variables"));
    }

    @Test
    void namesEachSourceOnceOnItsLine() {
        // a refreshing source names itself in its message, as RefreshingCredentials does: the line names it once
        final DefaultChain chain = new DefaultChain(List.of(
                new DefaultChain.Candidate("CVM Instance Role", () -> new FixedCredentials("CVM Instance Role", () -> {
                    throw new CredentialsException("CVM Instance Role: no valid credentials: metadata service did not answer");
                })),
                new DefaultChain.Candidate("Profile File", () -> new FixedCredentials("Profile File", () -> {
                    throw new CredentialsException("Profile File [/etc/tencentcloud/credentials]: no such file on this node");
                }))));

        final DefaultChain.NoCredentials none = assertThrows(DefaultChain.NoCredentials.class, chain::get);
        assertEquals("CVM Instance Role: no valid credentials: metadata service did not answer", none.reasons().get("CVM Instance Role"));
        assertEquals("Profile File [/etc/tencentcloud/credentials]: no such file on this node", none.reasons().get("Profile File"));
        assertFalse(none.getMessage().contains("CVM Instance Role: CVM Instance Role"), none.getMessage());
    }
}
