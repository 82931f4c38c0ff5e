package jp.horenso.incident.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain JDBC connections to the test database, as the owner (who ran the migrations: the intruder with every
 * privilege, or a clean-up) or as the application role the service connects as.
 */
public final class OwnerDatabase {

    private OwnerDatabase() {}

    /** Runs {@code sql} as the owner in one transaction; parameters are bound as objects ({@code ?}). */
    public static void run(String sql, Object... params) {
        try (Connection c = owner()) {
            execute(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Work on a connection; it throws what JDBC throws. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Runs {@code work} as the owner in one transaction and returns its result. */
    public static <T> T transaction(Work<T> work) {
        try (Connection c = owner()) {
            c.setAutoCommit(false);
            try {
                T result = work.on(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code sql} on {@code c} with {@code params} bound in order. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** The error of running {@code sql} as the owner, or null when it succeeded (and was committed). */
    public static SQLException refusalAsOwner(String sql, Object... params) {
        return refusal(owner(), sql, params);
    }

    /** The error of running {@code sql} as the application role, or null when it succeeded (and was committed). */
    public static SQLException refusalAsApplication(String sql, Object... params) {
        Config config = ConfigProvider.getConfig();
        return refusal(
                connect(
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class)),
                sql,
                params);
    }

    /** All messages of an exception and its causes. */
    public static String messages(Throwable refused) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }

    private static SQLException refusal(Connection connection, String sql, Object... params) {
        try (Connection c = connection) {
            execute(c, sql, params);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (String statement : sql.split(";")) {
                if (statement.isBlank()) {
                    continue;
                }
                try (PreparedStatement s = c.prepareStatement(statement)) {
                    int expected =
                            (int) statement.chars().filter(ch -> ch == '?').count();
                    for (int i = 0; i < expected && i < params.length; i++) {
                        s.setObject(i + 1, params[i]);
                    }
                    s.execute();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static Connection owner() {
        Config config = ConfigProvider.getConfig();
        return connect(
                config.getValue("horenso.test.owner-username", String.class),
                config.getValue("horenso.test.owner-password", String.class));
    }

    private static Connection connect(String user, String password) {
        try {
            return DriverManager.getConnection(
                    ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect as " + user, e);
        }
    }
}
