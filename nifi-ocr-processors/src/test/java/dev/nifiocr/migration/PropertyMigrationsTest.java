package dev.nifiocr.migration;

import dev.nifiocr.crypto.EnvelopeAlgorithm;
import dev.nifiocr.image.OutputFormat;
import dev.nifiocr.processors.EncryptOCRPayload;
import dev.nifiocr.processors.InvokeTencentOCR;
import dev.nifiocr.request.RequestSource;
import dev.nifiocr.service.CredentialsStrategy;
import dev.nifiocr.service.ResponseLanguage;
import dev.nifiocr.service.StandardTencentCloudClientService;
import dev.nifiocr.service.TencentRegion;
import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.PropertyMigrationResult;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enum choices are saved as the label the list shows; flows saved with the old constant names still load as before. */
class PropertyMigrationsTest {

    @Test
    void valuesAreTheLabelsUsersRead() {
        Stream.of(CredentialsStrategy.values(), RequestSource.values(), EnvelopeAlgorithm.values(), OutputFormat.values())
                .flatMap(Stream::of)
                .forEach(value -> assertEquals(value.getDisplayName(), value.getValue(), value.getDisplayName()));
        // Tencent's own identifiers are already readable and are what the header carries
        assertEquals("ap-guangzhou", TencentRegion.AP_GUANGZHOU.getValue());
        assertEquals("en-US", ResponseLanguage.EN_US.getValue());
    }

    @Test
    void requestSourceSavedByNameMigrates() {
        for (final RequestSource source : RequestSource.values()) {
            assertMigrates(InvokeTencentOCR.class, InvokeTencentOCR.REQUEST_SOURCE, source.name(), source);
        }
    }

    @Test
    void envelopeAlgorithmSavedByNameMigrates() {
        for (final EnvelopeAlgorithm algorithm : EnvelopeAlgorithm.values()) {
            assertMigrates(EncryptOCRPayload.class, EncryptOCRPayload.ENVELOPE_ALGORITHM, algorithm.name(), algorithm);
        }
    }

    @Test
    void credentialsStrategySavedByNameMigrates() {
        for (final CredentialsStrategy strategy : CredentialsStrategy.values()) {
            final MockPropertyConfiguration config = serviceConfig(strategy.name());
            new StandardTencentCloudClientService().migrateProperties(config);
            assertEquals(strategy.getValue(), config.getRawPropertyValue(StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName()).orElseThrow());
            assertTrue(config.toPropertyMigrationResult().getPropertiesUpdated()
                    .contains(StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName()), strategy.name());
        }
    }

    @Test
    void currentValuesAndParameterReferencesStay() {
        for (final String kept : new String[] {CredentialsStrategy.PROFILE_FILE.getValue(), "#{credentials.strategy}"}) {
            final MockPropertyConfiguration config = serviceConfig(kept);
            new StandardTencentCloudClientService().migrateProperties(config);
            assertEquals(kept, config.getRawPropertyValue(StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName()).orElseThrow());
            assertTrue(config.toPropertyMigrationResult().getPropertiesUpdated().isEmpty(), kept);
        }
        final TestRunner runner = TestRunners.newTestRunner(InvokeTencentOCR.class);
        runner.setProperty(InvokeTencentOCR.REQUEST_SOURCE, RequestSource.IMAGE_URL.getValue());
        assertTrue(runner.migrateProperties().getPropertiesUpdated().isEmpty());
        assertEquals(RequestSource.IMAGE_URL.getValue(), runner.getProcessContext().getProperties().get(InvokeTencentOCR.REQUEST_SOURCE));
    }

    @Test
    void encryptionSwitchIsOnForOldFlowsThatSetAKey() {
        final String switchName = StandardTencentCloudClientService.SENSITIVE_DATA_ENCRYPTION.getName();
        final MockPropertyConfiguration withKey = new MockPropertyConfiguration(new HashMap<>(Map.of(
                StandardTencentCloudClientService.RSA_PUBLIC_KEY.getName(), "#{Tencent RSA Public Key}")));
        new StandardTencentCloudClientService().migrateProperties(withKey);
        assertEquals("true", withKey.getRawPropertyValue(switchName).orElseThrow());

        final MockPropertyConfiguration withoutKey = serviceConfig(CredentialsStrategy.STATIC_KEYS.getValue());
        new StandardTencentCloudClientService().migrateProperties(withoutKey);
        assertTrue(withoutKey.getRawPropertyValue(switchName).isEmpty());

        // saved with the switch: the user's choice stays, even off with a key left behind it
        final MockPropertyConfiguration switchedOff = new MockPropertyConfiguration(new HashMap<>(Map.of(switchName, "false",
                StandardTencentCloudClientService.SM2_PUBLIC_KEY.getName(), "pem")));
        new StandardTencentCloudClientService().migrateProperties(switchedOff);
        assertEquals("false", switchedOff.getRawPropertyValue(switchName).orElseThrow());
        assertTrue(switchedOff.toPropertyMigrationResult().getPropertiesUpdated().isEmpty());
    }

    private static MockPropertyConfiguration serviceConfig(final String strategy) {
        final Map<String, String> properties = new HashMap<>();
        properties.put(StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName(), strategy);
        return new MockPropertyConfiguration(properties);
    }

    private static void assertMigrates(final Class<? extends Processor> type, final PropertyDescriptor property, final String saved,
                                       final DescribedValue expected) {
        final TestRunner runner = TestRunners.newTestRunner(type);
        runner.setProperty(property, saved);
        runner.assertNotValid();

        final PropertyMigrationResult result = runner.migrateProperties();

        assertEquals(expected.getValue(), runner.getProcessContext().getProperties().get(property), saved);
        assertTrue(result.getPropertiesUpdated().contains(property.getName()), saved);
    }
}
