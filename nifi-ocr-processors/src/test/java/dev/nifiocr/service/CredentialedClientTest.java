package dev.nifiocr.service;

import dev.nifiocr.client.ClientSettings;
import dev.nifiocr.client.TencentApiClient;
import dev.nifiocr.credentials.CredentialsProvider;
import dev.nifiocr.credentials.CredentialsStatus;
import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.service.api.TencentApiResponse;
import dev.nifiocr.service.api.TencentCredentials;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.nifi.util.MockComponentLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One credentials snapshot per request: signed with the set read, the rejection compared with that very set. */
class CredentialedClientTest {

    private static final TencentCredentials FIRST = new TencentCredentials("AKIDfirstEXAMPLE", "first-secret-key", "first-token");
    private static final TencentCredentials SECOND = new TencentCredentials("AKIDsecondEXAMPLE", "second-secret-key", "second-token");
    private static final TencentApiRequest REQUEST = new TencentApiRequest("GeneralBasicOCR", "2018-11-19",
            "{\"ImageUrl\":\"https://example.com/a.jpg\"}".getBytes(StandardCharsets.UTF_8));
    private static final String TOKEN_FAILURE = Fixtures.text("error-AuthFailure.SignatureFailure.json")
            .replace("AuthFailure.SignatureFailure", "AuthFailure.TokenFailure");

    private MockWebServer server;
    private TencentApiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = new TencentApiClient(new ClientSettings(URI.create("http://" + server.getHostName() + ":" + server.getPort()), "ap-guangzhou",
                null, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), null, null), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void signsWithTheSetItReadAndComparesTheRejectionWithThatSet() throws Exception {
        // a rotation between two reads: a second read for signing would sign with SECOND and then blame FIRST
        final ScriptedCredentials credentials = new ScriptedCredentials(() -> FIRST, () -> SECOND);
        server.enqueue(new MockResponse.Builder().body(TOKEN_FAILURE).build());
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());

        final TencentApiResponse response = calls(credentials).invoke(REQUEST);

        assertTrue(response.successful());
        final RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        assertNull(SignatureVerifier.verify(first, FIRST.secretId(), FIRST.secretKey()));
        assertEquals(FIRST.sessionToken(), first.getHeaders().get("X-TC-Token"));
        assertEquals(List.of(FIRST), credentials.rejected);
        final RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertNull(SignatureVerifier.verify(second, SECOND.secretId(), SECOND.secretKey()));
        assertEquals(SECOND.sessionToken(), second.getHeaders().get("X-TC-Token"));
        assertEquals(2, credentials.reads.get(), "one read per request sent");
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void sendsOnceWhenTheRefreshBringsNoOtherSet() throws Exception {
        final ScriptedCredentials credentials = new ScriptedCredentials(() -> FIRST);
        credentials.refreshes = false;
        server.enqueue(new MockResponse.Builder().body(TOKEN_FAILURE).build());

        final TencentApiResponse response = calls(credentials).invoke(REQUEST);

        assertEquals("AuthFailure.TokenFailure", response.errorCode());
        assertEquals(List.of(FIRST), credentials.rejected);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void refreshesNoPermanentKeyRefusedAsUnknown() throws Exception {
        final TencentCredentials permanent = new TencentCredentials("AKIDpermanentEXAMPLE", "permanent-key", null);
        final ScriptedCredentials credentials = new ScriptedCredentials(() -> permanent);
        server.enqueue(new MockResponse.Builder().body(TOKEN_FAILURE.replace("AuthFailure.TokenFailure", "AuthFailure.SecretIdNotFound")).build());

        assertEquals("AuthFailure.SecretIdNotFound", calls(credentials).invoke(REQUEST).errorCode());

        assertTrue(credentials.rejected.isEmpty());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void sendsNothingWithoutCredentials() throws Exception {
        final ScriptedCredentials none = new ScriptedCredentials(() -> {
            throw new IllegalStateException("profile file unreadable");
        });

        final TencentApiException e = assertThrows(TencentApiException.class, () -> calls(none).invoke(REQUEST));

        assertEquals(TencentApiException.CREDENTIALS_UNAVAILABLE, e.getErrorCode());
        assertEquals("profile file unreadable", e.getMessage());
        assertFalse(e.isRequestSent());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anAsynchronousCallResendsOnceWithTheRefreshedSet() throws Exception {
        final ScriptedCredentials credentials = new ScriptedCredentials(() -> FIRST, () -> SECOND);
        server.enqueue(new MockResponse.Builder().body(TOKEN_FAILURE).build());
        server.enqueue(new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build());

        final TencentApiResponse response = calls(credentials).invokeAsync(REQUEST).get(10, TimeUnit.SECONDS);

        assertTrue(response.successful());
        assertNull(SignatureVerifier.verify(server.takeRequest(5, TimeUnit.SECONDS), FIRST.secretId(), FIRST.secretKey()));
        assertNull(SignatureVerifier.verify(server.takeRequest(5, TimeUnit.SECONDS), SECOND.secretId(), SECOND.secretKey()));
        assertEquals(List.of(FIRST), credentials.rejected);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void anAsynchronousCallWithoutCredentialsFailsWithoutSending() throws Exception {
        final ScriptedCredentials none = new ScriptedCredentials(() -> {
            throw new IllegalStateException("profile file unreadable");
        });

        final ExecutionException e = assertThrows(ExecutionException.class, () -> calls(none).invokeAsync(REQUEST).get(10, TimeUnit.SECONDS));

        final TencentApiException failure = assertInstanceOf(TencentApiException.class, e.getCause());
        assertEquals(TencentApiException.CREDENTIALS_UNAVAILABLE, failure.getErrorCode());
        assertFalse(failure.isRequestSent());
        assertEquals(0, server.getRequestCount());
    }

    private CredentialedClient calls(final CredentialsProvider credentials) {
        return new CredentialedClient(client, credentials, new MockComponentLog("calls", this));
    }

    /** Answers its reads in turn (the last one from then on), and records which sets it was told Tencent rejected. */
    private static final class ScriptedCredentials implements CredentialsProvider {
        private final List<Supplier<TencentCredentials>> script;
        private final AtomicInteger reads = new AtomicInteger();
        private final List<TencentCredentials> rejected = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean refreshes = true;

        @SafeVarargs
        ScriptedCredentials(final Supplier<TencentCredentials>... script) {
            this.script = List.of(script);
        }

        @Override
        public TencentCredentials get() {
            return script.get(Math.min(reads.getAndIncrement(), script.size() - 1)).get();
        }

        @Override
        public CredentialsStatus status() {
            return new CredentialsStatus("scripted", null, null);
        }

        @Override
        public boolean refreshRejected(final TencentCredentials rejectedSet) {
            rejected.add(rejectedSet);
            return refreshes;
        }
    }
}
