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

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL with its data under {@code baseDir/data} and its binaries under {@code baseDir/bin}.
     *
     * @param clean wipe the data directory first
     */
    public static EmbeddedPostgresServer start(Path baseDir, int port, boolean clean) {
        try {
            Path data = baseDir.resolve("data");
            Path work = baseDir.resolve("bin");
            Files.createDirectories(work);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("timezone", "UTC")
                    .setRegisterShutdownHook(true)
                    .start();
            return new EmbeddedPostgresServer(postgres);
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

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
