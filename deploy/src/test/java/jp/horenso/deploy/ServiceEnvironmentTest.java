package jp.horenso.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * A named datasource of a service ({@code quarkus.datasource.<name>.jdbc.url}, by default the primary's: the read
     * replica of incident-service) is given its own URL by the Deployment, on the standbys ({@code horenso-pg-ro}) of
     * the same database over verified TLS, and it is read-only.
     */
    @ParameterizedTest
    @FieldSource("APPS")
    void aNamedDatasourceReadsTheStandbysOfTheSameDatabase(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Pattern named = Pattern.compile("quarkus\\.datasource\\.([a-z0-9-]+)\\.jdbc\\.url");
        List<String> names = config.prod().keySet().stream()
                .map(named::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        if (module.equals("incident-service")) {
            assertEquals(List.of("reporting"), names, "incident-service's read replica");
        }
        for (String overlay : Repo.OVERLAYS) {
            Map<String, String> env = new HashMap<>();
            ObjectNode deployment = Repo.named(Repo.render(overlay), "Deployment", module);
            for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
            for (String name : names) {
                String variable = "QUARKUS_DATASOURCE_"
                        + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_JDBC_URL";
                String url = env.get(variable);
                assertTrue(url != null, overlay + " " + module + " does not give " + variable);
                String primary = env.get("QUARKUS_DATASOURCE_JDBC_URL");
                String database = primary.substring(primary.indexOf(":5432/") + 6, primary.indexOf('?'));
                assertTrue(url.startsWith("jdbc:postgresql://horenso-pg-ro:5432/" + database + "?"), url);
                assertTrue(url.contains("sslmode=verify-full"), url);
                assertEquals(
                        "SET default_transaction_read_only = on",
                        config.value("quarkus.datasource." + name + ".jdbc.new-connection-sql")
                                .orElse(null),
                        module + ": the " + name + " datasource is not read-only");
            }
        }
    }
}
