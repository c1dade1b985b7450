package dev.nifiocr.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtectionSecretTest {

    private static final List<String> WORDS = List.of("password", "secret", "nifi", "tencent", "ocr", "admin", "letmein", "dragon",
            "correct", "horse", "battery", "staple", "Summer2024", "Welcome1", "qwerty", "monkey", "protection", "cluster");

    @Test
    void acceptsWhatTheGeneratorCommandPrints() {
        final SecureRandom random = new SecureRandom();
        for (int i = 0; i < 2000; i++) {
            final byte[] bytes = new byte[32 + i % 33];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, ProtectionSecret.decode(Base64.getEncoder().encodeToString(bytes)));
            assertArrayEquals(bytes, ProtectionSecret.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
            assertArrayEquals(bytes, ProtectionSecret.decode(" " + HexFormat.of().formatHex(bytes) + "\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "passwordpassword", "integration-protection-secret", "rig-protection-secret-0123456789",
            "protection-secret-shared-by-all-nodes", "aGVsbG8gd29ybGQ=", "0123456789abcdef0123456789abcdef"})
    void refusesShortValuesAndPassphrases(final String weak) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProtectionSecret.decode(weak));
        assertTrue(e.getMessage().contains(ProtectionSecret.GENERATE_COMMAND), e.getMessage());
        assertFalse(!weak.isEmpty() && e.getMessage().contains(weak), "the refusal must not quote the secret");
    }

    /**
     * What a word-list attack would try: words and phrases joined until long enough, as they are, Base64- or hex-encoded,
     * and padded with digits. Every one is refused, so an accepted secret is never one a word list can reach.
     */
    @Test
    void refusesEveryWordListCandidate() {
        final List<String> candidates = new ArrayList<>();
        for (final String first : WORDS) {
            for (final String second : WORDS) {
                final String phrase = (first + second).repeat(1 + 64 / (first.length() + second.length()));
                candidates.add(phrase);
                candidates.add(phrase.substring(0, 44));
                candidates.add(phrase + "2024");
                candidates.add(Base64.getEncoder().encodeToString(phrase.getBytes(StandardCharsets.UTF_8)));
                candidates.add(HexFormat.of().formatHex(phrase.getBytes(StandardCharsets.UTF_8)));
            }
        }
        candidates.add("A".repeat(44));
        candidates.add("0".repeat(64));
        candidates.add("deadbeef".repeat(8));
        candidates.add(HexFormat.of().formatHex(new byte[32]));
        for (final String candidate : candidates) {
            assertThrows(IllegalArgumentException.class, () -> ProtectionSecret.decode(candidate), candidate);
        }
        assertEquals(WORDS.size() * WORDS.size() * 5 + 4, candidates.size());
    }
}
