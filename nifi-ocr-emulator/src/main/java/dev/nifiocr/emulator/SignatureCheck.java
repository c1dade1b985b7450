package dev.nifiocr.emulator;

import com.sun.net.httpserver.HttpExchange;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TC3-HMAC-SHA256 checked as Tencent checks it, implemented here from the published algorithm (not with the bundle's
 * signer), for the emulator's permanent key and the temporary credentials it issued.
 */
final class SignatureCheck {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private final String secretId;
    private final String secretKey;
    private final TemporaryCredentialsIssuer temporaryCredentials;

    SignatureCheck(final String secretId, final String secretKey, final TemporaryCredentialsIssuer temporaryCredentials) {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.temporaryCredentials = temporaryCredentials;
    }

    /** Checks the request as Tencent does: credential, scope date, skew, service, and the HMAC chain over the exact body; null when it holds, else "Code message". */
    String check(final HttpExchange exchange, final byte[] body, final String service) {
        final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        final Matcher matcher = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (matcher == null || !matcher.matches()) {
            return "AuthFailure.InvalidAuthorization Authorization header is missing or malformed";
        }
        final boolean permanent = matcher.group(1).equals(secretId);
        final String temporaryError = permanent ? null : temporaryCredentials.check(matcher.group(1), exchange.getRequestHeaders().getFirst("X-TC-Token"));
        if (temporaryError != null) {
            return temporaryError;
        }
        final long timestamp;
        try {
            timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("X-TC-Timestamp"));
        } catch (final NumberFormatException e) {
            return "AuthFailure.InvalidAuthorization X-TC-Timestamp is missing";
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return "AuthFailure.SignatureExpire The signature expired: the timestamp differs from server time by more than 5 minutes";
        }
        final String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        if (!matcher.group(2).equals(date) || !matcher.group(3).equals(service)) {
            return "AuthFailure.SignatureFailure Credential scope must be the UTC date of X-TC-Timestamp and service " + service;
        }
        // any list of headers verifies, as at Tencent, but content-type and host are mandatory
        if (!List.of(matcher.group(4).split(";")).containsAll(List.of("content-type", "host"))) {
            return "AuthFailure.SignatureFailure SignedHeaders must include content-type and host";
        }
        final StringBuilder canonicalHeaders = new StringBuilder();
        for (final String name : matcher.group(4).split(";")) {
            final String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return "AuthFailure.SignatureFailure Signed header " + name + " is missing";
            }
            canonicalHeaders.append(name).append(':').append(value.trim().toLowerCase()).append('\n');
        }
        try {
            final String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + matcher.group(4) + "\n" + sha256Hex(body);
            final String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n"
                    + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            final String key = permanent ? secretKey : temporaryCredentials.secretKey(matcher.group(1));
            final byte[] secretDate = hmac(("TC3" + key).getBytes(StandardCharsets.UTF_8), date);
            final byte[] signing = hmac(hmac(secretDate, service), "tc3_request");
            final String expected = HexFormat.of().formatHex(hmac(signing, stringToSign));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), matcher.group(5).getBytes(StandardCharsets.US_ASCII)) ? null
                    : "AuthFailure.SignatureFailure The provided credentials could not be validated. Please check your signature is correct.";
        } catch (final GeneralSecurityException e) {
            return "InternalError " + e.getMessage();
        }
    }

    private static String sha256Hex(final byte[] data) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] hmac(final byte[] key, final String message) throws GeneralSecurityException {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

}
