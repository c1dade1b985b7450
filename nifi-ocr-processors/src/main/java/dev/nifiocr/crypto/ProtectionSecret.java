package dev.nifiocr.crypto;

import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reads the Session Key Protection Secret: at least 32 random bytes written as Base64 or hex, such as the output of
 * {@code openssl rand -base64 32}. A passphrase is refused rather than stretched: anyone holding one output FlowFile can
 * test guesses offline, and no work factor that a per-FlowFile decryption can afford makes a word list slow enough.
 * 256 random bits make guessing pointless, and every node that is given the same value derives the same key, with
 * nothing else (no salt) to share across the cluster.
 */
public final class ProtectionSecret {

    public static final int MINIMUM_BYTES = 32;
    public static final String GENERATE_COMMAND = "openssl rand -base64 32";

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){" + MINIMUM_BYTES + ",}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{43,}={0,2}");
    // 32 random bytes have about 30 distinct values; fewer than 16 is a pattern, not chance (p < 1e-12)
    private static final int MINIMUM_DISTINCT_BYTES = 16;
    // 43+ random Base64 characters have about 31 distinct ones and both letter cases, 64+ hex digits about 16 distinct
    // ones; in 200,000 generated secrets none fell below these bounds
    private static final int MINIMUM_DISTINCT_BASE64_CHARACTERS = 20;
    private static final int MINIMUM_DISTINCT_HEX_DIGITS = 12;

    private ProtectionSecret() {
    }

    /**
     * The secret's bytes.
     *
     * @throws IllegalArgumentException saying why the value is refused and how to make a good one (never quoting it)
     */
    public static byte[] decode(final String value) {
        final String text = value == null ? "" : value.trim();
        final byte[] bytes;
        if (HEX.matcher(text).matches()) {
            requireMixed(text, MINIMUM_DISTINCT_HEX_DIGITS, true);
            bytes = HexFormat.of().parseHex(text);
        } else if (BASE64.matcher(text).matches()) {
            requireMixed(text, MINIMUM_DISTINCT_BASE64_CHARACTERS, false);
            bytes = decodeBase64(text);
        } else {
            throw refused("it is not Base64 or hex of at least %d bytes".formatted(MINIMUM_BYTES));
        }
        if (bytes.length < MINIMUM_BYTES) {
            throw refused("it holds %d bytes, fewer than %d".formatted(bytes.length, MINIMUM_BYTES));
        }
        if (isPrintableText(bytes)) {
            throw refused("it encodes text (a passphrase), not random bytes");
        }
        if (distinct(bytes) < MINIMUM_DISTINCT_BYTES) {
            throw refused("its bytes repeat a pattern, so they are not random");
        }
        return bytes;
    }

    /** Words and repeated phrases use few distinct characters, and words one letter case; random text neither. */
    private static void requireMixed(final String text, final int minimumDistinct, final boolean hex) {
        if (text.chars().distinct().count() < minimumDistinct
                || !hex && (text.chars().noneMatch(Character::isUpperCase) || text.chars().noneMatch(Character::isLowerCase))) {
            throw refused("it looks like words or a pattern, not random output");
        }
    }

    private static byte[] decodeBase64(final String text) {
        final String unpadded = text.replace("=", "");
        try {
            return (unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded);
        } catch (final IllegalArgumentException e) {
            throw refused("it is not valid Base64");
        }
    }

    private static boolean isPrintableText(final byte[] bytes) {
        for (final byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static int distinct(final byte[] bytes) {
        final BitSet seen = new BitSet(256);
        for (final byte b : bytes) {
            seen.set(b & 0xFF);
        }
        return seen.cardinality();
    }

    private static IllegalArgumentException refused(final String why) {
        return new IllegalArgumentException(("Session Key Protection Secret must be at least %d random bytes written as Base64 or hex, "
                + "the same on every node; %s. A passphrase can be guessed offline from any output FlowFile. Generate one with "
                + "[%s] (before changing it, let queued FlowFiles between EncryptOCRPayload and InvokeTencentOCR drain)")
                .formatted(MINIMUM_BYTES, why, GENERATE_COMMAND));
    }
}
