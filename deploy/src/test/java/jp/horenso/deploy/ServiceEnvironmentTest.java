package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each Deployment gives its service every environment variable the service's {@code %prod} profile needs: those
 * without a default, those whose default is empty, and those whose default is a development value (localhost, a
 * demo secret) — a production that forgot one would otherwise run with the demo's. The database services also get
 * Flyway's owner login and the application role (platform: {@code HORENSO_DB_APP_ROLE}, default "none").
 */
class ServiceEnvironmentTest {

    static final List<String> APPS = ServiceConfig.APPS;

    private static final Set<String> DATABASE_SERVICES =
            Set.of("incident-service", "escalation-service", "notification-service");

    static Set<String> required(String module) {
        Set<String> required = new TreeSet<>();
        for (ServiceConfig.EnvReference ref : ServiceConfig.of(module).environment()) {
            String d = ref.defaultValue();
            if (d == null
                    || d.isEmpty()
                    || d.contains("localhost")
                    || d.contains("127.0.0.1")
                    || d.contains("demo")
                    || d.contains("secret")) {
                required.add(ref.name());
            }
        }
        if (DATABASE_SERVICES.contains(module)) {
            required.addAll(List.of("QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD", "HORENSO_DB_APP_ROLE"));
        }
        return required;
    }

    static Set<String> given(ObjectNode deployment) {
        Set<String> given = new TreeSet<>();
        for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
            container.path("env").forEach(e -> given.add(e.path("name").asText()));
        }
        return given;
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void everyEnvironmentVariableTheProdProfileNeedsIsGiven(String module) {
        for (String overlay : Repo.OVERLAYS) {
            ObjectNode deployment = Repo.named(Repo.render(overlay), "Deployment", module);
            Set<String> missing = new TreeSet<>(required(module));
            missing.removeAll(given(deployment));
            assertEquals(Set.of(), missing, overlay + " " + module);
        }
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void secretsComeFromSecretsNeverFromLiterals(String module) {
        ObjectNode deployment = Repo.named(Repo.render("production"), "Deployment", module);
        List<String> literal = new ArrayList<>();
        for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                boolean secretish = name.contains("SECRET")
                        || name.contains("PASSWORD")
                        || name.contains("KEY")
                        || name.contains("JAAS");
                if (secretish && !env.at("/valueFrom/secretKeyRef").isObject()) {
                    literal.add(name);
                }
            }
        }
        assertEquals(List.of(), literal);
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void theContainerListensOnTheServicesOwnPort(String module) {
        String port = ServiceConfig.of(module)
                .value("quarkus.http.port")
                .orElseThrow()
                .replaceAll("\\$\\{[A-Z_]+:(\\d+)}", "$1");
        ObjectNode deployment = Repo.named(Repo.render("production"), "Deployment", module);
        assertEquals(
                port,
                deployment
                        .at("/spec/template/spec/containers/0/ports/0/containerPort")
                        .asText());
        ObjectNode service = Repo.named(Repo.render("production"), "Service", module);
        assertEquals(port, service.at("/spec/ports/0/port").asText());
    }

    @ParameterizedTest
    @FieldSource("APPS")
    void theDatabaseIsReachedOverVerifiedTls(String module) {
        ObjectNode deployment = Repo.named(Repo.render("production"), "Deployment", module);
        for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
            if (env.path("name").asText().equals("QUARKUS_DATASOURCE_JDBC_URL")) {
                String url = env.path("value").asText();
                assertTrue(url.startsWith("jdbc:postgresql://horenso-pg-rw:5432/"), url);
                assertTrue(url.contains("sslmode=verify-full"), url);
                return;
            }
        }
        assertFalse(DATABASE_SERVICES.contains(module), module + " has no database URL");
    }
}
