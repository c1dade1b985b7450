package dev.nifiocr.service;

import dev.nifiocr.credentials.RoleArn;
import okhttp3.OkHttpClient;
import org.apache.nifi.components.PropertyDependency;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.MockPropertyContext;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the client service shows: a property appears only when its strategy or feature needs it (NiFi shows a property
 * whose dependencies all hold: the property it depends on is shown and has one of the values named, or any value), and is
 * bold (required) only then. With static keys NiFi 2.3.0 showed 23 rows, 17 of them bold.
 */
class ServicePresentationTest {

    private static final List<PropertyDescriptor> PROPERTIES = StandardTencentCloudClientService.PROPERTY_DESCRIPTORS;

    @Test
    void staticKeysShowTwentyRowsSixteenBold() {
        final List<PropertyDescriptor> rows = shown(Map.of());

        assertEquals(List.of("Credentials Strategy", "Secret ID", "Secret Key", "Session Token", "Assume Role ARN", "Region", "Endpoint",
                "Allow Plain HTTP", "Language", "Connect Timeout", "Read Timeout", "Write Timeout", "Call Timeout", "Maximum Answer Size",
                "Rate Limit per Account", "Daily Budget Enabled", "SSL Context Service", "Proxy Configuration Service",
                "Sensitive Data Encryption Enabled", "Verification Request Enabled"), rows.stream().map(PropertyDescriptor::getName).toList());
        assertEquals(16, rows.stream().filter(PropertyDescriptor::isRequired).count());
    }

    @Test
    void stsAndTheRoleSessionAppearWithARole() {
        final Map<PropertyDescriptor, String> role = Map.of(StandardTencentCloudClientService.ASSUME_ROLE_ARN, RoleArn.EXAMPLE);
        assertTrue(shown(role).containsAll(List.of(StandardTencentCloudClientService.STS_ENDPOINT, StandardTencentCloudClientService.ROLE_SESSION_NAME,
                StandardTencentCloudClientService.ROLE_SESSION_DURATION, StandardTencentCloudClientService.ASSUME_ROLE_POLICY,
                StandardTencentCloudClientService.ASSUME_ROLE_EXTERNAL_ID)));

        final Map<PropertyDescriptor, String> webIdentity = new HashMap<>(role);
        webIdentity.put(StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY.getValue());
        final List<PropertyDescriptor> webIdentityRows = shown(webIdentity);
        assertTrue(webIdentityRows.containsAll(List.of(StandardTencentCloudClientService.STS_ENDPOINT, StandardTencentCloudClientService.ROLE_SESSION_NAME)));
        assertFalse(webIdentityRows.contains(StandardTencentCloudClientService.ASSUME_ROLE_POLICY), "AssumeRoleWithWebIdentity takes no policy");
        assertFalse(webIdentityRows.contains(StandardTencentCloudClientService.SECRET_ID));

        assertFalse(shown(Map.of(StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.DEFAULT_CHAIN.getValue()))
                .contains(StandardTencentCloudClientService.ASSUME_ROLE_ARN));
    }

    @Test
    void budgetDetailsAppearWithABudget() {
        final List<PropertyDescriptor> rows = shown(Map.of(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED, "true"));
        assertTrue(rows.containsAll(List.of(StandardTencentCloudClientService.DAILY_BUDGET, StandardTencentCloudClientService.DAILY_BUDGET_PER_ACTION,
                StandardTencentCloudClientService.BUDGET_TIME_ZONE)));
    }

    @Test
    void aBudgetSwitchedOnNeedsABudget() {
        final TestRunner runner = runner();
        final StandardTencentCloudClientService service = withKeys(runner);
        runner.setProperty(service, StandardTencentCloudClientService.DAILY_BUDGET_ENABLED, "true");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.DAILY_BUDGET_PER_ACTION, "IDCardOCR=500");
        runner.assertValid(service);
    }

    @Test
    void budgetsSavedBeforeTheSwitchExistedStayOn() {
        final MockPropertyConfiguration saved = new MockPropertyConfiguration(new HashMap<>(Map.of(
                StandardTencentCloudClientService.DAILY_BUDGET.getName(), "300")));
        new StandardTencentCloudClientService().migrateProperties(saved);
        assertEquals("true", saved.getRawPropertyValue(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED.getName()).orElseThrow());

        final MockPropertyConfiguration none = new MockPropertyConfiguration(new HashMap<>());
        new StandardTencentCloudClientService().migrateProperties(none);
        assertTrue(none.getRawPropertyValue(StandardTencentCloudClientService.DAILY_BUDGET_ENABLED.getName()).isEmpty());
    }

    @Test
    void webIdentityRoleArnBecomesAssumeRoleArn() {
        final String arn = "qcs::cam::uin/100000000001:roleName/tke";
        final MockPropertyConfiguration webIdentity = new MockPropertyConfiguration(new HashMap<>(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName(), CredentialsStrategy.WEB_IDENTITY.getValue(),
                "Web Identity Role ARN", arn)));
        new StandardTencentCloudClientService().migrateProperties(webIdentity);
        assertEquals(arn, webIdentity.getRawPropertyValue(StandardTencentCloudClientService.ASSUME_ROLE_ARN.getName()).orElseThrow());
        assertFalse(webIdentity.hasProperty("Web Identity Role ARN"));

        // under another strategy it was hidden and unused: dropped, so it does not linger as an (invalid) dynamic property
        final MockPropertyConfiguration keys = new MockPropertyConfiguration(new HashMap<>(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY.getName(), CredentialsStrategy.STATIC_KEYS.getValue(),
                "Web Identity Role ARN", arn)));
        new StandardTencentCloudClientService().migrateProperties(keys);
        assertFalse(keys.hasProperty("Web Identity Role ARN"));
        assertTrue(keys.getRawPropertyValue(StandardTencentCloudClientService.ASSUME_ROLE_ARN.getName()).isEmpty());
    }

    @Test
    void roleArnsAreCheckedForTheCamForm() {
        for (final String right : List.of(RoleArn.EXAMPLE, "qcs::cam::uin/12345678:role/4611686018427397919",
                "qcs::cam::uin/12345678:roleName/tencentcloudServiceRole/OCR_QCSRole")) {
            assertNull(RoleArn.problem(right), right);
        }
        assertTrue(RoleArn.problem("arn:aws:iam::123456789012:role/nifi-ocr").contains("AWS-style ARN"));
        for (final String wrong : List.of("nifi-ocr", "qcs::cam::uin/abc:roleName/nifi-ocr", "qcs::cam::uin/100000000001:user/nifi-ocr",
                "qcs::cam::uin/100000000001:roleName/", "qcs::cam::uin/100000000001:roleName/a b")) {
            assertTrue(RoleArn.problem(wrong).contains("qcs::cam::uin/<account UIN>:roleName/<role name>"), wrong);
        }

        final TestRunner runner = runner();
        final StandardTencentCloudClientService service = withKeys(runner);
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, "arn:aws:iam::123456789012:role/nifi-ocr");
        runner.assertNotValid(service);
        runner.setProperty(service, StandardTencentCloudClientService.ASSUME_ROLE_ARN, RoleArn.EXAMPLE);
        runner.assertValid(service);
    }

    @Test
    void verifyChecksTheRoleArnFromTheEnvironment() {
        final MockPropertyContext context = new MockPropertyContext(Map.of(
                StandardTencentCloudClientService.CREDENTIALS_STRATEGY, CredentialsStrategy.WEB_IDENTITY.getValue()));
        final Map<String, String> environment = Map.of("TKE_PROVIDER_ID", "tke", "TKE_WEB_IDENTITY_TOKEN_FILE", "/var/run/token",
                "TKE_ROLE_ARN", "arn:aws:iam::123456789012:role/nifi-ocr");

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CredentialsProviders.resolve(context, environment, OkHttpClient::new, new MockComponentLog("web", this)));

        assertTrue(refused.getMessage().startsWith("environment variable TKE_ROLE_ARN: [arn:aws:iam::123456789012:role/nifi-ocr] is an AWS-style ARN"),
                refused.getMessage());
    }

    /** The properties NiFi shows, in order, for these values (the rest at their defaults). */
    private static List<PropertyDescriptor> shown(final Map<PropertyDescriptor, String> values) {
        return PROPERTIES.stream().filter(property -> isShown(property, values)).toList();
    }

    private static boolean isShown(final PropertyDescriptor property, final Map<PropertyDescriptor, String> values) {
        for (final PropertyDependency dependency : property.getDependencies()) {
            final PropertyDescriptor on = PROPERTIES.stream().filter(p -> p.getName().equals(dependency.getPropertyName())).findFirst().orElseThrow();
            final String value = values.getOrDefault(on, on.getDefaultValue());
            final boolean holds = isShown(on, values) && value != null
                    && (dependency.getDependentValues() == null || dependency.getDependentValues().contains(value));
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static TestRunner runner() {
        return TestRunners.newTestRunner(NoOpProcessor.class);
    }

    private static StandardTencentCloudClientService withKeys(final TestRunner runner) {
        final StandardTencentCloudClientService service = new StandardTencentCloudClientService();
        try {
            runner.addControllerService("service", service);
        } catch (final Exception e) {
            throw new AssertionError(e);
        }
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_ID, "AKIDexample");
        runner.setProperty(service, StandardTencentCloudClientService.SECRET_KEY, "example-key");
        return service;
    }
}
