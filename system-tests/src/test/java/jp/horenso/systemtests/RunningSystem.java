package jp.horenso.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.horenso.localstack.EmbeddedPostgresServer;
import jp.horenso.localstack.KeycloakServer;
import jp.horenso.localstack.LocalStack;
import jp.horenso.localstack.MailCatcher;
import jp.horenso.localstack.Ports;

/**
 * The system under test, started once per test run: the whole local stack (the three services and the web
 * console) when they are packaged, otherwise only PostgreSQL and Keycloak so that the demo realm can still be checked.
 *
 * <p>Keycloak is started exactly once either way: its first start costs about a minute on two cores.
 */
public final class RunningSystem implements AutoCloseable {

    /** What "immediately" (直ちに, 第43条) means during the tests: short, so that time-outs can be watched. */
    public static final String IMMEDIATELY = "PT30S";

    /**
     * What the services get on top of the local stack's settings: both demo organisations seeded (escalation-service
     * onboards them at start-up), and the OpenAPI document. The packaged services run their prod profile,
     * where the OpenAPI document is switched off; {@code CrossOrganisationMatrixTest} enumerates every operation from
     * it, so the system tests switch it back on (a run-time setting; the profile-specific name wins over a
     * {@code %prod.} line in application.properties).
     */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "HORENSO_ESCALATION_IMMEDIATE", IMMEDIATELY,
            // Both demo organisations of the realm (issue 12), whatever the local stack's own demo names.
            "HORENSO_ESCALATION_SEED_FILES", "seed/demo-city.yaml,seed/demo-gikai.yaml",
            "QUARKUS_SMALLRYE_OPENAPI_ENABLE", "true",
            "_PROD_QUARKUS_SMALLRYE_OPENAPI_ENABLE", "true");

    /**
     * Traces on for the three services of this run only (docs/observability.md; the platform's default keeps the
     * OpenTelemetry SDK off): spans exported over OTLP/HTTP (protobuf) to the run's {@link OtlpTraceReceiver}, every
     * 200 ms rather than every 5 s, so that a test sees a report's trace seconds after the mail. The sampler stays the
     * build's {@code parentbased_always_on} ({@code quarkus.otel.traces.sampler} is fixed at build time): a request
     * with a sampled {@code traceparent} is always traced.
     */
    static Map<String, String> tracingTo(OtlpTraceReceiver receiver) {
        return Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");
    }

    private final Path repoRoot;
    private final LocalStack stack;
    private final EmbeddedPostgresServer realmOnlyPostgres;
    private final KeycloakServer keycloak;
    private final List<Path> missingJars;
    private final OtlpTraceReceiver traces;

    private RunningSystem(
            Path repoRoot,
            LocalStack stack,
            EmbeddedPostgresServer realmOnlyPostgres,
            KeycloakServer keycloak,
            List<Path> missingJars,
            OtlpTraceReceiver traces) {
        this.repoRoot = repoRoot;
        this.stack = stack;
        this.realmOnlyPostgres = realmOnlyPostgres;
        this.keycloak = keycloak;
        this.missingJars = missingJars;
        this.traces = traces;
    }

    static RunningSystem start() {
        Path repoRoot = locateRepoRoot();
        Path dataDir = Path.of("target/stack").toAbsolutePath();
        List<Path> missing = java.util.stream.Stream.concat(
                        LocalStack.SERVICES.stream()
                                .map(service ->
                                        repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar")),
                        java.util.stream.Stream.of(LocalStack.consoleJar(repoRoot)))
                .filter(jar -> !Files.isRegularFile(jar))
                .toList();
        if (missing.isEmpty()) {
            OtlpTraceReceiver traces = OtlpTraceReceiver.start();
            try {
                Map<String, String> environment = new java.util.HashMap<>(ENVIRONMENT);
                environment.putAll(tracingTo(traces));
                LocalStack stack = LocalStack.start(LocalStack.Settings.forTests(repoRoot, dataDir, environment));
                return new RunningSystem(repoRoot, stack, null, stack.keycloak(), List.of(), traces);
            } catch (RuntimeException e) {
                traces.close();
                throw e;
            }
        }
        System.out.println("[system-tests] services not packaged (" + missing
                + "): starting only PostgreSQL and Keycloak; the end-to-end tests will fail");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), Ports.free(), true);
        try {
            postgres.ensureDatabases("keycloak");
            KeycloakServer keycloak = KeycloakServer.start(
                    repoRoot.resolve("local-stack/target/keycloak"),
                    repoRoot.resolve("deploy/keycloak/horenso-realm.json"),
                    Ports.free(),
                    Ports.free(),
                    postgres.jdbcUrl("keycloak"),
                    dataDir.resolve("logs/keycloak.log"));
            return new RunningSystem(repoRoot, null, postgres, keycloak, missing, null);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** The repository root: set by the root POM's surefire configuration, else the parent directory. */
    static Path locateRepoRoot() {
        return Path.of(System.getProperty("horenso.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The whole stack; fails the calling test when the services were not packaged before the run. */
    public LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the system tests need the packaged services; missing " + missingJars
                    + ". Build them first: ./mvnw package -DskipTests (or run ./mvnw verify at the root)");
        }
        return stack;
    }

    public String incidentUrl() {
        return stack().serviceUrl("incident-service");
    }

    /** The web console (started by the local stack with the services). */
    public String consoleUrl() {
        return stack().consoleUrl();
    }

    public MailCatcher mail() {
        return stack().mail();
    }

    /** Where the three services export their spans in this run. */
    OtlpTraceReceiver traces() {
        stack();
        return traces;
    }

    /** Where the services' and Keycloak's logs are, for failure messages. */
    public Path logsDir() {
        return Path.of("target/stack/logs").toAbsolutePath();
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
            traces.close();
        } else {
            keycloak.close();
            realmOnlyPostgres.close();
        }
    }
}
