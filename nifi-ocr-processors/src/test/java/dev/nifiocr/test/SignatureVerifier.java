package dev.nifiocr.test;

import com.tencentcloudapi.common.Sign;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import mockwebserver3.RecordedRequest;

import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a recorded request's TC3-HMAC-SHA256 signature the way Tencent's server does, written in the test from the
 * published algorithm with the official SDK's HMAC and SHA-256 helpers, independent of the signer under test. Our
 * requests must also sign X-TC-Action (the SDK itself signs only content-type and host).
 */
public final class SignatureVerifier {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})");

    private SignatureVerifier() {
    }

    /** Returns null when the signature verifies, else what is wrong. */
    public static String verify(final RecordedRequest request, final String secretId, final String secretKey) throws TencentCloudSDKException {
        return verify(request, secretId, secretKey, "ocr");
    }

    /** As {@link #verify(RecordedRequest, String, String)}, for the service named in the credential scope, such as sts. */
    public static String verify(final RecordedRequest request, final String secretId, final String secretKey, final String service)
            throws TencentCloudSDKException {
        final String authorization = request.getHeaders().get("Authorization");
        if (authorization == null) {
            return "no Authorization header";
        }
        final Matcher matcher = AUTHORIZATION.matcher(authorization);
        if (!matcher.matches()) {
            return "malformed Authorization: " + authorization;
        }
        if (!matcher.group(1).equals(secretId)) {
            return "wrong Secret ID";
        }
        if (!matcher.group(3).equals(service)) {
            return "service is " + matcher.group(3) + ", not " + service;
        }
        final long timestamp = Long.parseLong(request.getHeaders().get("X-TC-Timestamp"));
        final String date = Instant.ofEpochSecond(timestamp).atZone(ZoneOffset.UTC).toLocalDate().toString();
        if (!matcher.group(2).equals(date)) {
            return "credential date " + matcher.group(2) + " is not the UTC date of the timestamp " + date;
        }
        if (!List.of(matcher.group(4).split(";")).containsAll(List.of("content-type", "host", "x-tc-action"))) {
            return "SignedHeaders " + matcher.group(4) + " does not cover content-type, host and x-tc-action";
        }
        final StringBuilder canonicalHeaders = new StringBuilder();
        for (final String name : matcher.group(4).split(";")) {
            canonicalHeaders.append(name).append(':').append(request.getHeaders().get(name).trim().toLowerCase(Locale.ROOT)).append('\n');
        }
        final String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + matcher.group(4) + "\n"
                + Sign.sha256Hex(request.getBody().toByteArray());
        final String scope = date + "/" + service + "/tc3_request";
        final String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Sign.sha256Hex(canonicalRequest);
        final byte[] secretDate = Sign.hmac256(("TC3" + secretKey).getBytes(java.nio.charset.StandardCharsets.UTF_8), date);
        final byte[] secretService = Sign.hmac256(secretDate, service);
        final byte[] secretSigning = Sign.hmac256(secretService, "tc3_request");
        final String expected = java.util.HexFormat.of().formatHex(Sign.hmac256(secretSigning, stringToSign));
        return expected.equals(matcher.group(5)) ? null : "signature mismatch";
    }
}
