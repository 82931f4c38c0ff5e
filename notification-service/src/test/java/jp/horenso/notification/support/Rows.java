package jp.horenso.notification.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the service's tables directly, for what no endpoint shows (and to wait for the worker). */
public final class Rows {

    private Rows() {}

    /** The notification's status and channel, e.g. {@code SENT/MAIL}; null while it is not stored. */
    public static String statusAndChannel(DataSource db, UUID notificationId) {
        return single(
                db, "SELECT status || '/' || channel FROM notification WHERE notification_id = ?", notificationId);
    }

    /** Waits until the notification has {@code expected} (e.g. {@code SENT/WEBHOOK}) as status and channel. */
    public static void awaitStatus(DataSource db, UUID notificationId, String expected, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        String current = null;
        while (Instant.now().isBefore(end)) {
            current = statusAndChannel(db, notificationId);
            if (expected.equals(current)) {
                return;
            }
            pause();
        }
        throw new AssertionError(
                "notification " + notificationId + " is " + current + ", not " + expected + " after " + timeout);
    }

    /** Waits until the notification is stored. */
    public static void awaitStored(DataSource db, UUID notificationId, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (statusAndChannel(db, notificationId) != null) {
                return;
            }
            pause();
        }
        throw new AssertionError("notification " + notificationId + " was not stored within " + timeout);
    }

    /** How many rows a query counts. */
    public static long count(DataSource db, String sql, Object... parameters) {
        String value = single(db, "SELECT count(*)::text FROM (" + sql + ") counted", parameters);
        return Long.parseLong(value);
    }

    /** The first column of the first row as text, or null. */
    public static String single(DataSource db, String sql, Object... parameters) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs one statement. */
    public static void execute(DataSource db, String sql, Object... parameters) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
