package dev.nifiocr.signer;

import dev.nifiocr.service.api.TencentCredentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tencent Cloud API 3.0 signature TC3-HMAC-SHA256 for a JSON POST to "/".
 * Signs content-type, host and x-tc-action, as Tencent's signature documentation and demo do (the SDKs sign only the
 * first two): a captured request cannot be replayed against another Action within the 5-minute window. X-TC-Timestamp
 * is covered by the string to sign. The clock is injected so signatures are reproducible.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final String TERMINATOR = "tc3_request";
    private static final String HMAC = "HmacSHA256";
    // The credential scope date is the UTC date of the timestamp: local dates fail around midnight.
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final boolean signAction;

    public Tc3Signer(final Clock clock) {
        this(clock, true);
    }

    /** @param signAction false signs content-type and host only, as the official SDKs and Tencent's published vector do */
    Tc3Signer(final Clock clock, final boolean signAction) {
        this.clock = clock;
        this.signAction = signAction;
    }

    public Tc3Signature sign(final Tc3Request request, final TencentCredentials credentials) {
        final long timestamp = clock.instant().getEpochSecond();
        final String date = SCOPE_DATE.format(Instant.ofEpochSecond(timestamp));
        // canonical headers in ASCII order of their lower-case names, each value trimmed and lower-cased
        final String signedHeaders = signAction ? "content-type;host;x-tc-action" : "content-type;host";
        final String canonicalRequest = "POST\n/\n\n"
                + "content-type:" + request.contentType().trim().toLowerCase(Locale.ROOT) + "\n"
                + "host:" + request.host().trim().toLowerCase(Locale.ROOT) + "\n"
                + (signAction ? "x-tc-action:" + request.action().trim().toLowerCase(Locale.ROOT) + "\n" : "") + "\n"
                + signedHeaders + "\n"
                + sha256Hex(request.payload());
        final String credentialScope = date + "/" + request.service() + "/" + TERMINATOR;
        final String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + credentialScope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));

        final byte[] secretDate = hmacSha256(("TC3" + credentials.secretKey()).getBytes(StandardCharsets.UTF_8), date);
        final byte[] secretService = hmacSha256(secretDate, request.service());
        final byte[] secretSigning = hmacSha256(secretService, TERMINATOR);
        final String signature = HEX.formatHex(hmacSha256(secretSigning, stringToSign));
        final String authorization = ALGORITHM + " Credential=" + credentials.secretId() + "/" + credentialScope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;

        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        headers.put("Content-Type", request.contentType());
        headers.put("Host", request.host());
        headers.put("X-TC-Action", request.action());
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        headers.put("X-TC-Version", request.version());
        putIfPresent(headers, "X-TC-Region", request.region());
        putIfPresent(headers, "X-TC-Token", credentials.sessionToken());
        putIfPresent(headers, "X-TC-Language", request.language());
        return new Tc3Signature(timestamp, canonicalRequest, stringToSign, signature, authorization, Collections.unmodifiableMap(headers));
    }

    private static void putIfPresent(final Map<String, String> headers, final String name, final String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
    }

    private static String sha256Hex(final byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    private static byte[] hmacSha256(final byte[] key, final String message) {
        try {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }
}
