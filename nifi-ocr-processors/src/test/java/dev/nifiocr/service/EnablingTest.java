package dev.nifiocr.service;

import dev.nifiocr.service.api.TencentApiException;
import dev.nifiocr.service.api.TencentApiRequest;
import dev.nifiocr.test.Fixtures;
import dev.nifiocr.test.SignatureVerifier;
import dev.nifiocr.test.TestServices;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.state.MockStateManager;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockConfigurationContext;
import org.apache.nifi.util.MockControllerServiceInitializationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enabling never blocks (issue 22): NiFi enables services under its flow lock with a 30-second timeout, so onEnabled
 * neither asks NiFi's flow controller (membership) nor calls a credentials source. Both happen afterwards on the
 * service's own threads; until then the node sends nothing and requests fail with
 * Client.CredentialsUnavailable, and both recover without re-enabling. The 30-second bounds only catch a hang.
 */
class EnablingTest {

    private static final Duration HANG = Duration.ofSeconds(30);
    private static final TencentApiRequest REQUEST = new TencentApiRequest("GeneralBasicOCR", "2018-11-19",
            "{\"ImageUrl\":\"https://example.com/a.jpg\"}".getBytes(StandardCharsets.UTF_8));
    private static final String SERVICE_THREAD = "Tencent OCR client service";

    private final FakeTencent tencent = new FakeTencent();
    private final BlockedNiFi nifi = new BlockedNiFi();
    private MockWebServer server;
    private StandardTencentCloudClientService service;
    private MockComponentLog log;
    private MockControllerServiceInitializationContext initialization;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(tencent);
        server.start();
        service = new StandardTencentCloudClientService();
        log = new ThreadSafeLog(service);
        initialization = new MockControllerServiceInitializationContext(service, TestServices.SERVICE_ID, log, new MockStateManager(service)) {
            @Override
            public NodeTypeProvider getNodeTypeProvider() {
                return nifi;
            }
        };
        service.initialize(initialization);
    }

    @AfterEach
    void stop() {
        nifi.release.countDown();
        tencent.stsAnswers.countDown();
        service.onDisabled();
        server.close();
    }

    @Test
    void enablesAtOnceWhileNiFiHoldsItsFlowLockAndTheMetadataServiceIsDown() throws Exception {
        tencent.metadataDown.set(true);
        final Map<PropertyDescriptor, String> properties = properties();
        properties.put(StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.INSTANCE_ROLE.getValue());
        properties.put(StandardTencentCloudClientService.METADATA_URL, url() + "/latest/meta-data/");
        properties.put(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED, "true");
        properties.put(StandardTencentCloudClientService.DAILY_BUDGET, "100");

        assertTimeoutPreemptively(HANG, () -> service.onEnabled(context(properties)), "onEnabled waited for NiFi or the metadata service");

        // NiFi is asked on the service's own thread, which waits for it; meanwhile the node sends nothing (it may be joining
        // a cluster whose other nodes hold the whole account), and a permit waits a moment for the answer, then is refused
        await(() -> !nifi.askedBy.isEmpty(), "the service's thread asks NiFi for the membership");
        assertEquals(10 * RateLimitFacet.SHARE_UNTIL_COUNTED, service.nodeRate(null), 1e-9);
        assertFalse(service.acquirePermit(null, Duration.ZERO));
        final TencentApiException unavailable = assertThrows(TencentApiException.class, () -> service.invoke(REQUEST));
        assertEquals(TencentApiException.CREDENTIALS_UNAVAILABLE, unavailable.getErrorCode());
        assertTrue(unavailable.getMessage().contains("CVM Instance Role"), unavailable.getMessage());
        await(() -> messages(log.getWarnMessages()).contains("Credentials could not be fetched after enabling"), "a warning (bulletin) on the service");
        assertTrue(tencent.ocrRequests.isEmpty());

        // NiFi answers and the metadata service comes back: both are taken up without enabling again
        nifi.release.countDown();
        tencent.metadataDown.set(false);
        await(() -> service.nodeRate(null) == 10, "the whole limit once the node is known to be standalone");
        // the share is applied before the line that says so is written
        await(() -> messages(log.getInfoMessages()).contains("Read after enabling: this node is STANDALONE"), "an INFO line naming the membership read");
        assertTrue(service.reserveBillableCall("GeneralBasicOCR"));
        awaitSuccessfulCall();
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDrole1", "role-secret-key"));
        await(() -> messages(log.getInfoMessages()).contains("Credentials resolved after enabling"), "an INFO line once the credentials are resolved");
        assertTrue(nifi.askedBy.stream().allMatch(thread -> thread.startsWith(SERVICE_THREAD)), "NiFi asked on " + nifi.askedBy);
    }

    @Test
    void enablesAtOnceWhileStsHangsAndSignsOnceItAnswers() throws Exception {
        nifi.release.countDown();
        final Map<PropertyDescriptor, String> properties = properties();
        properties.put(StandardTencentCloudClientService.SECRET_ID, TestServices.SECRET_ID);
        properties.put(StandardTencentCloudClientService.SECRET_KEY, TestServices.SECRET_KEY);
        properties.put(StandardTencentCloudClientService.ASSUME_ROLE_ARN, "qcs::cam::uin/100000000001:roleName/nifi-ocr");
        properties.put(StandardTencentCloudClientService.STS_ENDPOINT, url());
        properties.put(StandardTencentCloudClientService.CALL_TIMEOUT, "1 sec");

        assertTimeoutPreemptively(HANG, () -> service.onEnabled(context(properties)), "onEnabled waited for STS");

        final TencentApiException unavailable = assertThrows(TencentApiException.class, () -> service.invoke(REQUEST));
        assertEquals(TencentApiException.CREDENTIALS_UNAVAILABLE, unavailable.getErrorCode());
        assertTrue(unavailable.getMessage().contains("Assume Role"), unavailable.getMessage());
        assertTrue(tencent.ocrRequests.isEmpty());

        tencent.stsAnswers.countDown();
        awaitSuccessfulCall();
        assertNull(SignatureVerifier.verify(tencent.ocrRequests.getFirst(), "AKIDassumed", "sts-secret-key"));
    }

    private Map<PropertyDescriptor, String> properties() {
        final Map<PropertyDescriptor, String> properties = new HashMap<>();
        for (final PropertyDescriptor property : service.getPropertyDescriptors()) {
            if (property.getDefaultValue() != null) {
                properties.put(property, property.getDefaultValue());
            }
        }
        properties.put(StandardTencentCloudClientService.ENDPOINT, url());
        properties.put(StandardTencentCloudClientService.RATE_LIMIT, "10");
        return properties;
    }

    private MockConfigurationContext context(final Map<PropertyDescriptor, String> properties) {
        return new MockConfigurationContext(service, properties, initialization, Map.of());
    }

    private String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** Calls until a call succeeds; until the source answers, every call fails with Client.CredentialsUnavailable. */
    private void awaitSuccessfulCall() throws Exception {
        final Instant deadline = Instant.now().plus(HANG);
        while (true) {
            try {
                if (service.invoke(REQUEST).successful()) {
                    return;
                }
            } catch (final TencentApiException e) {
                assertEquals(TencentApiException.CREDENTIALS_UNAVAILABLE, e.getErrorCode(), e.getMessage());
            }
            assertTrue(Instant.now().isBefore(deadline), "no successful call within " + HANG);
            Thread.sleep(100);
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final Instant deadline = Instant.now().plus(HANG);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what);
            Thread.sleep(20);
        }
    }

    private static String messages(final List<LogMessage> messages) {
        return String.join("\n", messages.stream().map(LogMessage::getMsg).toList());
    }

    /** The service's threads log while the test reads: MockComponentLog's lists are plain ArrayLists, so one lock for both. */
    private static final class ThreadSafeLog extends MockComponentLog {
        ThreadSafeLog(final Object component) {
            super(TestServices.SERVICE_ID, component);
        }

        @Override
        public synchronized void info(final String msg, final Object... os) {
            super.info(msg, os);
        }

        @Override
        public synchronized void info(final String msg) {
            super.info(msg);
        }

        @Override
        public synchronized void info(final String msg, final Throwable t) {
            super.info(msg, t);
        }

        @Override
        public synchronized void warn(final String msg, final Object... os) {
            super.warn(msg, os);
        }

        @Override
        public synchronized void warn(final String msg) {
            super.warn(msg);
        }

        @Override
        public synchronized void warn(final String msg, final Throwable t) {
            super.warn(msg, t);
        }

        @Override
        public synchronized List<LogMessage> getInfoMessages() {
            return List.copyOf(super.getInfoMessages());
        }

        @Override
        public synchronized List<LogMessage> getWarnMessages() {
            return List.copyOf(super.getWarnMessages());
        }
    }

    /** NiFi during startup: every question waits for the flow lock, here until the test releases it. */
    private static final class BlockedNiFi implements NodeTypeProvider {
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<String> askedBy = Collections.synchronizedList(new ArrayList<>());

        private boolean answer() {
            askedBy.add(Thread.currentThread().getName());
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public boolean isClustered() {
            return answer();
        }

        @Override
        public boolean isConfiguredForClustering() {
            return answer();
        }

        @Override
        public boolean isConnected() {
            return answer();
        }

        @Override
        public boolean isPrimary() {
            return answer();
        }
    }

    /** The metadata service (down on request), STS (hanging until released) and OCR (always a result). */
    private static final class FakeTencent extends Dispatcher {
        private static final String METADATA = "/latest/meta-data/cam/security-credentials/";
        private final long expiredTime = Instant.now().getEpochSecond() + 3600;
        private final AtomicBoolean metadataDown = new AtomicBoolean();
        private final CountDownLatch stsAnswers = new CountDownLatch(1);
        private final AtomicInteger issued = new AtomicInteger();
        private final List<RecordedRequest> ocrRequests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public MockResponse dispatch(final RecordedRequest request) throws InterruptedException {
            final String target = request.getTarget();
            if (target.startsWith(METADATA)) {
                if (metadataDown.get()) {
                    return new MockResponse.Builder().code(500).build();
                }
                return new MockResponse.Builder().body(target.equals(METADATA) ? "nifi-ocr-role" : """
                        {"TmpSecretId": "AKIDrole%d", "TmpSecretKey": "role-secret-key", "ExpiredTime": %d, "Token": "role-token", "Code": "Success"}"""
                        .formatted(issued.incrementAndGet(), expiredTime)).build();
            }
            if ("AssumeRole".equals(request.getHeaders().get("X-TC-Action"))) {
                stsAnswers.await();
                return new MockResponse.Builder().body("""
                        {"Response": {"Credentials": {"Token": "sts-token", "TmpSecretId": "AKIDassumed", "TmpSecretKey": "sts-secret-key"},
                         "ExpiredTime": %d, "RequestId": "r-sts"}}""".formatted(expiredTime)).build();
            }
            ocrRequests.add(request);
            return new MockResponse.Builder().body(Fixtures.text("GeneralBasicOCR-1.json")).build();
        }
    }
}
