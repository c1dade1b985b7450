package dev.nifiocr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The emulator's CVM metadata service and STS: issues temporary credentials (Secret ID, Secret Key, session token) that
 * expire after a configurable lifetime and rotate, and tells the OCR side whether a temporary Secret ID and token are
 * still valid, so requests signed with expired credentials are refused with AuthFailure.TokenFailure as Tencent does.
 * <ul>
 *   <li>{@code GET /latest/meta-data/cam/security-credentials/} names the instance's role, {@value #ROLE_NAME};</li>
 *   <li>{@code GET /latest/meta-data/cam/security-credentials/<role>} answers the role's credentials, new ones once half
 *       their lifetime has passed;</li>
 *   <li>STS {@code AssumeRole} (TC3-signed for service sts by the emulator's key or valid temporary credentials) and
 *       {@code AssumeRoleWithWebIdentity} (Authorization: SKIP, any non-empty token) answer new credentials, living
 *       DurationSeconds but at most the configured lifetime, for a RoleArn of the CAM form only.</li>
 * </ul>
 * {@link #down} takes both away (HTTP 503 to every request, as a load balancer answers without a backend) while the OCR
 * side keeps answering, for tests of a NiFi that starts or runs while they are down.
 */
public final class TemporaryCredentialsIssuer {

    public static final String ROLE_NAME = "nifi-ocr-emulator-role";
    static final String METADATA_PATH = "/latest/meta-data/cam/security-credentials/";
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    // Expired credentials are remembered this long, so their use is answered "expired" rather than "not found".
    private static final Duration REMEMBER_EXPIRED = Duration.ofMinutes(10);
    // a CAM role's resource name as STS takes it (a role name or ID, service roles under a path); anything else, such as
    // an AWS ARN, is refused as Tencent refuses it: InvalidParameter.ResouceError (Tencent's spelling)
    private static final Pattern ROLE_ARN = Pattern.compile("qcs::cam::uin/\\d+:(?:roleName|role)/[\\w+=,.@-]+(?:/[\\w+=,.@-]+)*");

    /** The emulator's TC3 check for a service; null when the signature verifies, else "Code message". */
    interface SignatureCheck {
        String verify(HttpExchange exchange, byte[] body, String service);
    }

    private record Issued(String secretId, String secretKey, String token, Instant expiration) {
    }

    private final SignatureCheck signatureCheck;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final AtomicLong issuedCount = new AtomicLong();
    private final AtomicLong expiredRejections = new AtomicLong();
    private final AtomicLong answeredDown = new AtomicLong();
    private volatile boolean down;
    private volatile Duration lifetime = Duration.ofHours(2);
    private Issued roleCredentials;

    TemporaryCredentialsIssuer(final SignatureCheck signatureCheck) {
        this.signatureCheck = signatureCheck;
    }

    /** How long credentials issued from now on live; Tencent's default is 2 hours, tests use seconds. */
    public void lifetime(final Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** With true the metadata service and STS are down: every request to them is answered HTTP 503; false brings them back. */
    public void down(final boolean down) {
        this.down = down;
    }

    /** Requests to the metadata service and STS answered HTTP 503 because they were down. */
    public long answeredDown() {
        return answeredDown.get();
    }

    /** Temporary credentials issued so far, by the metadata service and STS together. */
    public long issuedCount() {
        return issuedCount.get();
    }

    /** OCR requests refused because they were signed with expired temporary credentials. */
    public long expiredRejections() {
        return expiredRejections.get();
    }

    /** Null when {@code secretId} and {@code token} are valid temporary credentials now, else "Code message". */
    String check(final String secretId, final String token) {
        final Issued known = issued.get(secretId);
        if (known == null) {
            return "AuthFailure.SecretIdNotFound SecretId not found";
        }
        if (!known.token().equals(token)) {
            return "AuthFailure.TokenFailure The token is missing or does not belong to the SecretId";
        }
        if (!Instant.now().isBefore(known.expiration())) {
            expiredRejections.incrementAndGet();
            return "AuthFailure.TokenFailure The token has expired";
        }
        return null;
    }

    /** The Secret Key of a temporary Secret ID that {@link #check} accepted. */
    String secretKey(final String secretId) {
        return issued.get(secretId).secretKey();
    }

    /** Answers metadata and STS requests; false for anything else. */
    boolean handle(final HttpExchange exchange, final byte[] body, final String requestId) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final String action = exchange.getRequestHeaders().getFirst("X-TC-Action");
        final boolean metadata = "GET".equals(exchange.getRequestMethod()) && path.startsWith(METADATA_PATH);
        if (!metadata && !"AssumeRole".equals(action) && !"AssumeRoleWithWebIdentity".equals(action)) {
            return false;
        }
        if (down) {
            answeredDown.incrementAndGet();
            TencentOcrEmulator.answer(exchange, 503, "<html><body>503 Service Temporarily Unavailable</body></html>".getBytes(StandardCharsets.US_ASCII));
        } else if (metadata) {
            answerMetadata(exchange, path.substring(METADATA_PATH.length()));
        } else {
            answerSts(exchange, action, body, requestId);
        }
        return true;
    }

    private void answerMetadata(final HttpExchange exchange, final String role) throws IOException {
        if (role.isEmpty()) {
            exchange.sendResponseHeaders(200, ROLE_NAME.length());
            exchange.getResponseBody().write(ROLE_NAME.getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (!ROLE_NAME.equals(role)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        final Issued current = currentRoleCredentials();
        final ObjectNode answer = OBJECT_MAPPER.createObjectNode()
                .put("TmpSecretId", current.secretId())
                .put("TmpSecretKey", current.secretKey())
                .put("ExpiredTime", current.expiration().getEpochSecond())
                .put("Expiration", current.expiration().toString())
                .put("Token", current.token())
                .put("Code", "Success");
        TencentOcrEmulator.answer(exchange, 200, answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Issued currentRoleCredentials() {
        if (roleCredentials == null || Duration.between(Instant.now(), roleCredentials.expiration()).compareTo(lifetime.dividedBy(2)) <= 0) {
            roleCredentials = issue(lifetime);
        }
        return roleCredentials;
    }

    private void answerSts(final HttpExchange exchange, final String action, final byte[] body, final String requestId) throws IOException {
        final String refused;
        if ("AssumeRole".equals(action)) {
            refused = signatureCheck.verify(exchange, body, "sts");
        } else {
            refused = "SKIP".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? null
                    : "AuthFailure.InvalidAuthorization AssumeRoleWithWebIdentity takes Authorization: SKIP";
        }
        if (refused != null) {
            final int space = refused.indexOf(' ');
            TencentOcrEmulator.answer(exchange, 200, TencentOcrEmulator.error(refused.substring(0, space), refused.substring(space + 1), requestId));
            return;
        }
        final JsonNode request;
        try {
            request = OBJECT_MAPPER.readTree(body);
        } catch (final IOException e) {
            TencentOcrEmulator.answer(exchange, 200, TencentOcrEmulator.error("InvalidParameter.ParamError", "The request body is not JSON", requestId));
            return;
        }
        final String missing = missingParameter(request, "AssumeRole".equals(action)
                ? new String[] {"RoleArn", "RoleSessionName"} : new String[] {"ProviderId", "WebIdentityToken", "RoleArn", "RoleSessionName"});
        if (missing != null) {
            TencentOcrEmulator.answer(exchange, 200, TencentOcrEmulator.error("InvalidParameter.ParamError", missing + " is required", requestId));
            return;
        }
        final String roleArn = request.path("RoleArn").asText();
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            TencentOcrEmulator.answer(exchange, 200, TencentOcrEmulator.error(exchange, "InvalidParameter.ResouceError",
                    "角色资源格式错误 (RoleArn [%s] is not qcs::cam::uin/<account UIN>:roleName/<role name> or :role/<role ID>)".formatted(roleArn), requestId));
            return;
        }
        final Duration requested = Duration.ofSeconds(request.path("DurationSeconds").asLong(7200));
        final Issued fresh = issue(requested.compareTo(lifetime) < 0 ? requested : lifetime);
        final ObjectNode response = OBJECT_MAPPER.createObjectNode();
        response.putObject("Credentials").put("Token", fresh.token()).put("TmpSecretId", fresh.secretId()).put("TmpSecretKey", fresh.secretKey());
        response.put("ExpiredTime", fresh.expiration().getEpochSecond()).put("Expiration", fresh.expiration().toString()).put("RequestId", requestId);
        TencentOcrEmulator.answer(exchange, 200, OBJECT_MAPPER.createObjectNode().set("Response", response).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String missingParameter(final JsonNode request, final String... names) {
        for (final String name : names) {
            if (request.path(name).asText("").isBlank()) {
                return name;
            }
        }
        return null;
    }

    private Issued issue(final Duration life) {
        final Instant now = Instant.now();
        issued.values().removeIf(old -> old.expiration().plus(REMEMBER_EXPIRED).isBefore(now));
        // ExpiredTime is whole seconds, as Tencent sends it
        final Instant expiration = Instant.ofEpochSecond(now.plus(life).getEpochSecond());
        final String suffix = UUID.randomUUID().toString().replace("-", "");
        final Issued fresh = new Issued("AKIDtmp" + suffix.substring(0, 24), "tmp-key-" + suffix, "tmp-token-" + UUID.randomUUID(), expiration);
        issued.put(fresh.secretId(), fresh);
        issuedCount.incrementAndGet();
        return fresh;
    }
}
