package dev.nifiocr.service;

import dev.nifiocr.test.TestServices;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's account-wide rate limit: property, per-Action overrides, migration, state on a standalone node. */
class RateLimitFacetTest {

    private TestRunner runner;
    private StandardTencentCloudClientService service;

    @BeforeEach
    void setRunner() throws Exception {
        runner = TestRunners.newTestRunner(NoOpProcessor.class);
        service = new StandardTencentCloudClientService();
        runner.addControllerService(TestServices.SERVICE_ID, service);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, TestServices.SECRET_ID);
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, TestServices.SECRET_KEY);
    }

    @Test
    void migratesTheOldPerNodeLimitToTheAccountLimit() {
        final MockPropertyConfiguration config = new MockPropertyConfiguration(Map.of("Rate Limit per Node", "5", "Region", "ap-beijing"));

        service.migrateProperties(config);

        assertEquals(Optional.of("5"), config.getRawPropertyValue("Rate Limit per Account"));
        assertFalse(config.hasProperty("Rate Limit per Node"));
        assertEquals(Optional.of("ap-beijing"), config.getRawPropertyValue("Region"));
    }

    @Test
    void anActionWithItsOwnLimitDoesNotShareTheAccountLimit() {
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0.01");
        runner.setProperty(service, "VatInvoiceOCR", "0.01");
        runner.assertValid(service);
        runner.enableControllerService(service);

        assertTrue(service.acquirePermit("GeneralBasicOCR", Duration.ZERO));
        assertFalse(service.acquirePermit("IDCardOCR", Duration.ZERO));
        assertFalse(service.acquirePermit(null, Duration.ZERO));
        assertTrue(service.acquirePermit("VatInvoiceOCR", Duration.ZERO));
        assertFalse(service.acquirePermit("VatInvoiceOCR", Duration.ZERO));
        runner.disableControllerService(service);
    }

    @Test
    void rejectsOverridesThatAreNotAnActionAndARate() {
        runner.setProperty(service, "VatInvoiceOCR", "0");
        runner.assertNotValid(service);
        runner.removeProperty(service, "VatInvoiceOCR");
        runner.setProperty(service, "vat invoice", "5");
        runner.assertNotValid(service);
        runner.removeProperty(service, "vat invoice");
        runner.setProperty(service, "VatInvoiceOCR", "5");
        runner.assertValid(service);
    }

    @Test
    void aStandaloneNodeTakesTheWholeLimitAndWritesNoLease() {
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0.01");
        runner.enableControllerService(service);

        assertTrue(service.acquirePermit(null, Duration.ZERO));
        runner.getStateManager(service).assertStateNotSet(Scope.CLUSTER);
        runner.disableControllerService(service);
    }

    @Test
    void sharesOneRateLimitAndRefusesUseWhenDisabled() throws InitializationException {
        runner.setProperty(service, StandardTencentCloudClientService.RATE_LIMIT, "0.01");
        runner.enableControllerService(service);

        assertTrue(service.acquirePermit(null, Duration.ZERO));
        assertFalse(service.acquirePermit(null, Duration.ofMillis(10)));

        runner.disableControllerService(service);
        assertThrows(IllegalStateException.class, () -> service.acquirePermit(null, Duration.ZERO));
    }
}
