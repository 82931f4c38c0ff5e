package jp.horenso.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (binaries shipped in a jar by zonky) on a loopback port, with one database per
 * service. The data directory survives a restart unless the caller asks for a clean one.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser the embedded server trusts on loopback. */
    public static final String USER = "postgres";
    /** Local connections are trusted; drivers still want a password. */
    public static final String PASSWORD = "postgres";

    /**
     * The role the services connect as (local demo credentials, not a secret): it owns nothing, so it may read and
     * add to the audit trails but never change, delete or truncate them (see platform's afterMigrate.sql).
     * Migrations run as {@link #USER}, the owner.
     */
    public static final String APP_USER = "horenso_app";
    /** Local demo password of {@link #APP_USER}. */
    public static final String APP_PASSWORD = "horenso_app";

    private volatile EmbeddedPostgres postgres;
    private final Path baseDir;
    private final boolean clean;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path baseDir, boolean clean) {
        this.postgres = postgres;
        this.baseDir = baseDir;
        this.clean = clean;
    }

    /**
     * Starts PostgreSQL with its data under {@code baseDir/data} and its binaries under {@code baseDir/bin}.
     *
     * @param clean wipe the data directory first
     */
    public static EmbeddedPostgresServer start(Path baseDir, int port, boolean clean) {
        if (clean) {
            LocalStack.deleteRecursively(baseDir.resolve("data"));
        }
        return new EmbeddedPostgresServer(launch(baseDir, port), baseDir, clean);
    }

    /**
     * Starts the postmaster on an existing (or new) data directory. zonky is never asked to clean it: it would
     * also delete the directory when the server stops, and a {@link #restart} must keep the data.
     */
    private static EmbeddedPostgres launch(Path baseDir, int port) {
        try {
            Path data = baseDir.resolve("data");
            Path work = baseDir.resolve("bin");
            Files.createDirectories(work);
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("timezone", "UTC")
                    .setRegisterShutdownHook(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the databases that do not exist yet. */
    public EmbeddedPostgresServer ensureDatabases(String... names) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a database name: " + name);
                }
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create databases", e);
        }
    }

    /** Creates the services' application role {@link #APP_USER} unless it exists. */
    public EmbeddedPostgresServer ensureApplicationRole() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP_USER
                    + "') THEN CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "'; END IF; END $$");
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the application role", e);
        }
    }

    /**
     * The Quarkus settings of a service on {@code database}: it connects as {@link #APP_USER}, Flyway migrates as
     * the owner and grants the application role what it may do.
     */
    public java.util.Map<String, String> serviceDatasource(String database) {
        return java.util.Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", APP_USER,
                "quarkus.datasource.password", APP_PASSWORD,
                "quarkus.flyway.username", USER,
                "quarkus.flyway.password", PASSWORD,
                "quarkus.flyway.placeholders.horenso_app_role", APP_USER);
    }

    /**
     * Stops PostgreSQL (pg_ctl stop -m fast: every connection is cut, open transactions are rolled back), waits
     * {@code down}, and starts it again on the same data directory and port (the chaos run, bench/chaos.sh).
     */
    public void restart(java.time.Duration down) {
        int port = port();
        try {
            postgres.close();
            Thread.sleep(down.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        postgres = launch(baseDir, port);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (clean) { // as before: a clean server leaves no data behind
            LocalStack.deleteRecursively(baseDir.resolve("data"));
        }
    }
}
