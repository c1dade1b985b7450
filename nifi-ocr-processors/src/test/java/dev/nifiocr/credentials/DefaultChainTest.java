package dev.nifiocr.credentials;

import dev.nifiocr.service.api.TencentCredentials;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

        assertEquals("Default Chain found no credentials; Environment Variables: not set; CVM Instance Role: metadata service did not answer",
                assertThrows(CredentialsException.class, chain::get).getMessage());
    }
}
