package jp.horenso.notification.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The {@code %prod} profile of application.properties takes every secret and endpoint from the environment: with
 * nothing set it has no value for any of them (so Quarkus refuses to start), and nothing falls back to this
 * machine or to the demo database's account.
 */
class ProductionConfigTest {

    /** Property → the environment variable production must set for it. */
    private static final Map<String, String> FROM_ENVIRONMENT = Map.ofEntries(
            Map.entry("quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL"),
            Map.entry("quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME"),
            Map.entry("quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD"),
            Map.entry("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS"),
            Map.entry("quarkus.oidc.auth-server-url", "QUARKUS_OIDC_AUTH_SERVER_URL"),
            Map.entry("quarkus.mailer.host", "QUARKUS_MAILER_HOST"),
            Map.entry("horenso.notification.mail.smtp.host", "QUARKUS_MAILER_HOST"),
            Map.entry("horenso.incident.base-url", "HORENSO_INCIDENT_BASE_URL"),
            Map.entry("horenso.notification.public-base-url", "HORENSO_NOTIFICATION_BASE_URL"),
            Map.entry("horenso.notification.console-base-url", "HORENSO_CONSOLE_BASE_URL"),
            Map.entry("horenso.notification.mail.from", "HORENSO_NOTIFICATION_MAIL_FROM"));

    @Test
    void productionHasNoValueForAnySecretOrEndpointUntilTheEnvironmentGivesIt() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        for (String property : FROM_ENVIRONMENT.keySet()) {
            NoSuchElementException missing =
                    assertThrows(NoSuchElementException.class, () -> config.getValue(property, String.class), property);
            assertTrue(missing.getMessage().contains(FROM_ENVIRONMENT.get(property)), missing.getMessage());
        }
    }

    @Test
    void productionTakesEachValueFromItsEnvironmentVariable() throws IOException {
        Map<String, String> environment = new HashMap<>();
        FROM_ENVIRONMENT.values().forEach(variable -> environment.put(variable, "value-of-" + variable));
        SmallRyeConfig config = prod(environment);
        FROM_ENVIRONMENT.forEach((property, variable) ->
                assertEquals("value-of-" + variable, config.getValue(property, String.class), property));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("%")) {
                continue; // another profile's line; this profile's value is read under the plain name
            }
            String value = config.getConfigValue(name).getValue();
            if (value != null) {
                assertFalse(value.contains("localhost") || value.contains("127.0.0.1"), name + "=" + value);
            }
        }
    }

    @Test
    void productionTakesTheAckLinkKeyFromTheEnvironmentAndHasNoneOfItsOwn() throws IOException {
        // Without the variable there is no key at all, and AckLinks refuses to start (AckLinkKeyTest).
        assertTrue(prod(Map.of())
                .getOptionalValue("horenso.notification.ack-link.secret", String.class)
                .isEmpty());
        assertEquals(
                "value-of-secret",
                prod(Map.of("HORENSO_NOTIFICATION_ACK_LINK_SECRET", "value-of-secret"))
                        .getValue("horenso.notification.ack-link.secret", String.class));
    }

    @Test
    void productionPostsWebhooksOverHttpsOnlyAndAllowsNoInternalHostByDefault() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        assertFalse(config.getOptionalValue("horenso.notification.webhook.allow-http", Boolean.class)
                .orElse(false));
        assertTrue(config.getOptionalValue("horenso.notification.webhook.allowed-hosts", String.class)
                .isEmpty());
    }

    @Test
    void productionChecksTheAudienceRefusesUnannotatedEndpointsAndPublishesNoApiBrowser() throws IOException {
        SmallRyeConfig config = prod(Map.of());
        assertEquals("horenso-api", config.getValue("quarkus.oidc.token.audience", String.class));
        assertTrue(config.getValue("quarkus.security.jaxrs.deny-unannotated-endpoints", Boolean.class));
        assertFalse(config.getValue("quarkus.swagger-ui.enable", Boolean.class));
        assertFalse(config.getValue("quarkus.smallrye-openapi.enable", Boolean.class));
    }

    /** The properties as the packaged application reads them in production, with {@code environment} only. */
    private static SmallRyeConfig prod(Map<String, String> environment) throws IOException {
        URL properties = ProductionConfigTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }
}
