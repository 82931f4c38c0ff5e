package jp.horenso.incident.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the prod profile reads: every endpoint and secret from the environment without a fallback, and no demo
 * organisation (issue 11). Reads the application.properties that goes into the jar.
 */
class ProductionConfigTest {

    private static final Pattern DEFAULTED_EXPRESSION = Pattern.compile("\\$\\{[A-Z0-9_]+:[^}]+}");

    @Test
    void productionHasNoFallbackEndpointsSecretsOrDemoOrganisation() throws IOException {
        List<String> prod =
                Files.readAllLines(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)
                        .stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .filter(l -> !l.startsWith("%") || l.startsWith("%prod."))
                        .toList();
        for (String line : prod) {
            assertTrue(!DEFAULTED_EXPRESSION.matcher(line).find(), "a fallback value in production: " + line);
            assertTrue(!line.contains("localhost") && !line.contains("127.0.0.1"), "localhost in production: " + line);
            assertTrue(!line.contains("demo-city") && !line.contains("デモ市"), "demo data in production: " + line);
            assertTrue(!line.matches(".*(password|username)=postgres.*"), "a default credential: " + line);
        }
        for (String required : List.of(
                "%prod.quarkus.datasource.jdbc.url=${QUARKUS_DATASOURCE_JDBC_URL}",
                "%prod.quarkus.datasource.username=${QUARKUS_DATASOURCE_USERNAME}",
                "%prod.quarkus.datasource.password=${QUARKUS_DATASOURCE_PASSWORD}",
                "%prod.quarkus.oidc.auth-server-url=${QUARKUS_OIDC_AUTH_SERVER_URL}",
                "%prod.kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS}",
                "horenso.audit.seal-key=${HORENSO_AUDIT_SEAL_KEY}",
                "quarkus.oidc.token.audience=horenso-api",
                "quarkus.security.jaxrs.deny-unannotated-endpoints=true",
                "%prod.quarkus.swagger-ui.enable=false",
                "%prod.quarkus.smallrye-openapi.enable=false")) {
            assertEquals(1, prod.stream().filter(required::equals).count(), "missing: " + required);
        }
    }

    @Test
    void noOrganisationIsConfigured_profilesComeFromOnboarding() throws IOException {
        // Issue 12: no default organisation and no per-organisation settings; the profile comes from
        // OrganisationOnboarded. Every profile counts, dev and test included.
        for (String line :
                Files.readAllLines(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            String key = line.replaceFirst("^%[a-z,]+\\.", "");
            assertTrue(
                    !key.startsWith("horenso.organisation")
                            && !key.startsWith("horenso.documents.organisations")
                            && !key.startsWith("horenso.disclosure.public-contacts"),
                    "per-organisation configuration: " + line);
        }
        assertTrue(!Files.exists(Path.of("demo/demo-city.properties")), "the demo organisation's config file is back");
    }

    @Test
    void theReplicaIsThePrimaryUnlessItsOwnUrlIsGiven_readOnlyEitherWay() throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://horenso-pg-rw:5432/incident",
                "QUARKUS_DATASOURCE_USERNAME", "incident_app",
                "QUARKUS_DATASOURCE_PASSWORD", "secret"));
        SmallRyeConfig prod = prod(env);
        assertEquals(
                "jdbc:postgresql://horenso-pg-rw:5432/incident",
                prod.getValue("quarkus.datasource.reporting.jdbc.url", String.class));
        assertEquals("incident_app", prod.getValue("quarkus.datasource.reporting.username", String.class));
        assertEquals(
                "SET default_transaction_read_only = on",
                prod.getValue("quarkus.datasource.reporting.jdbc.new-connection-sql", String.class));
        // Kubernetes: the Deployment's variable names the standbys (deploy/k8s/base/apps/incident-service.yaml)
        env.put("QUARKUS_DATASOURCE_REPORTING_JDBC_URL", "jdbc:postgresql://horenso-pg-ro:5432/incident");
        assertEquals(
                "jdbc:postgresql://horenso-pg-ro:5432/incident",
                prod(env).getValue("quarkus.datasource.reporting.jdbc.url", String.class));
    }

    /** The application.properties of the jar in the prod profile with {@code env} as the environment, as Quarkus reads it. */
    private static SmallRyeConfig prod(Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(
                        Path.of("src/main/resources/application.properties")
                                .toUri()
                                .toURL(),
                        250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }
}
