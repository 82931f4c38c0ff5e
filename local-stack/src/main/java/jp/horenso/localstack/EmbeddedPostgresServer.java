package jp.horenso.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    /** An installed PostgreSQL's {@code bin} folder when this server runs on it instead of zonky's binaries. */
    private final InstalledCluster installed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path baseDir, boolean clean) {
        this.postgres = postgres;
        this.baseDir = baseDir;
        this.clean = clean;
        this.installed = null;
    }

    private EmbeddedPostgresServer(InstalledCluster installed, Path baseDir, boolean clean) {
        this.postgres = null;
        this.baseDir = baseDir;
        this.clean = clean;
        this.installed = installed;
    }

    /**
     * Starts PostgreSQL from an installed distribution's {@code bin} folder (initdb, pg_ctl, postgres — e.g. Debian's
     * {@code /usr/lib/postgresql/15/bin}, which also brings pg_dump and pg_restore) with its data under
     * {@code baseDir/data}: a new cluster (initdb) when the folder holds none. As root, the server programs run as the
     * operating-system user {@code postgres} (PostgreSQL refuses root), which then owns {@code baseDir}.
     */
    public static EmbeddedPostgresServer startInstalled(Path binaries, Path baseDir, int port, boolean clean) {
        if (clean) {
            LocalStack.deleteRecursively(baseDir.resolve("data"));
        }
        InstalledCluster cluster = new InstalledCluster(binaries, baseDir, port);
        cluster.start();
        return new EmbeddedPostgresServer(cluster, baseDir, clean);
    }

    /** The {@code bin} folder of the installed PostgreSQL this server runs on; empty on zonky's binaries. */
    public java.util.Optional<Path> installedBinaries() {
        return java.util.Optional.ofNullable(installed).map(InstalledCluster::binaries);
    }

    /** A connection to the {@code postgres} database as the superuser {@link #USER}. */
    private Connection ownerConnection() throws SQLException {
        if (installed != null) {
            return java.sql.DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
        }
        return postgres.getPostgresDatabase().getConnection();
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
        return installed != null ? installed.port() : postgres.getPort();
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the databases that do not exist yet. */
    public EmbeddedPostgresServer ensureDatabases(String... names) {
        try (Connection c = ownerConnection()) {
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
        try (Connection c = ownerConnection();
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
        if (installed != null) {
            installed.stop();
            ChildProcess.sleep(down.toMillis());
            installed.start();
            return;
        }
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
        if (installed != null) {
            installed.stop();
        } else {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (clean) { // as before: a clean server leaves no data behind
            LocalStack.deleteRecursively(baseDir.resolve("data"));
        }
    }

    /**
     * A cluster run by an installed PostgreSQL's own initdb and pg_ctl: listens on 127.0.0.1 only (no Unix socket),
     * trusts local connections like zonky's, logs to {@code baseDir/postgres.log}.
     */
    private record InstalledCluster(Path binaries, Path baseDir, int port) {

        private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

        void start() {
            Path data = baseDir.resolve("data");
            try {
                Files.createDirectories(baseDir);
                if (ROOT) {
                    run(List.of("chown", "-R", USER + ":", baseDir.toString()), false);
                    try {
                        run(List.of("test", "-w", baseDir.toString()), true);
                    } catch (IllegalStateException e) {
                        throw new IllegalStateException(
                                "the user postgres cannot write " + baseDir
                                        + ": every folder above it must be searchable by others (chmod o+x)",
                                e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                run(
                        List.of(
                                binaries.resolve("initdb").toString(),
                                "-D",
                                data.toString(),
                                "-A",
                                "trust",
                                "-U",
                                USER,
                                "-E",
                                "UTF-8",
                                "--locale=C"),
                        true);
            }
            run(
                    List.of(
                            binaries.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-l",
                            baseDir.resolve("postgres.log").toString(),
                            "-w",
                            "-t",
                            "60",
                            "-o",
                            "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                                    + "-c max_connections=300 -c timezone=UTC",
                            "start"),
                    true);
        }

        void stop() {
            Path data = baseDir.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(
                        List.of(
                                binaries.resolve("pg_ctl").toString(),
                                "-D",
                                data.toString(),
                                "-m",
                                "fast",
                                "-w",
                                "stop"),
                        true);
            }
        }

        /** Runs a PostgreSQL program to its end (as the user postgres when we are root), failing with its output. */
        private static void run(List<String> command, boolean asPostgres) {
            List<String> full = new java.util.ArrayList<>();
            if (ROOT && asPostgres) {
                full.addAll(List.of("runuser", "-u", USER, "--"));
            }
            full.addAll(command);
            try {
                Process process =
                        new ProcessBuilder(full).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(String.join(" ", full), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
