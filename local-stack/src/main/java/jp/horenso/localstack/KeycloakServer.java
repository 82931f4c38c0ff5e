package jp.horenso.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution (unpacked from Maven Central by this module's build) started in dev mode
 * with its data in the embedded PostgreSQL and the Horenso demo realm imported.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The realm every Horenso service trusts. */
    public static final String REALM = "horenso";
    /** Demo-only bootstrap admin of the local stack. */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "admin";

    private final ChildProcess process;
    private final int port;

    private KeycloakServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Keycloak and waits until the realm answers.
     *
     * @param distributionsDir {@code local-stack/target/keycloak}, holding {@code keycloak-<version>/}
     */
    public static KeycloakServer start(
            Path distributionsDir, Path realmFile, int port, int managementPort, String jdbcUrl, Path logFile) {
        Path home = findHome(distributionsDir);
        try {
            Path importDir = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, importDir.resolve("horenso-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--import-realm",
                "--db=postgres",
                "--db-url=" + jdbcUrl,
                "--db-username=" + EmbeddedPostgresServer.USER,
                "--db-password=" + EmbeddedPostgresServer.PASSWORD,
                "--health-enabled=true");
        Map<String, String> env = Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        ChildProcess process = ChildProcess.start("keycloak", command, env, home, logFile);
        KeycloakServer server = new KeycloakServer(process, port);
        process.awaitHttpOk(server.realmUrl() + "/.well-known/openid-configuration", Duration.ofMinutes(4));
        return server;
    }

    private static Path findHome(Path distributionsDir) {
        try (Stream<Path> entries = Files.list(distributionsDir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak under " + distributionsDir
                            + ": build the local-stack module first (./mvnw -pl local-stack package)"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "no Keycloak under " + distributionsDir
                            + ": build the local-stack module first (./mvnw -pl local-stack package)",
                    e);
        }
    }

    public int port() {
        return port;
    }

    /** The realm's issuer URL, which the services use as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
