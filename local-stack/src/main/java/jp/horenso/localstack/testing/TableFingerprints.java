package jp.horenso.localstack.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What a service has stored, in one query: for every table of its database the row count and the newest writing
 * transaction of a live row ({@code max(xmin)}), so an insert, update or delete anywhere shows. Tables that jobs in
 * the background change on their own are left out ({@code ignored}), and tables whose rows the background only
 * updates (the outbox, marked published by the relay) are compared by count alone ({@code countOnly}). Reading
 * every table is slow on a big test database, so {@link #writeMark()} tells first whether anything wrote at all.
 */
public final class TableFingerprints implements Supplier<TreeMap<String, String>>, AutoCloseable {

    private final Connection connection;
    private final String query;

    private TableFingerprints(Connection connection, String query) {
        this.connection = connection;
        this.query = query;
    }

    /** Fingerprints of the tables of schema {@code public} at {@code jdbcUrl}. */
    public static TableFingerprints of(
            String jdbcUrl, String user, String password, Set<String> ignored, Set<String> countOnly) {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select table_name from information_schema.tables where table_schema = 'public'"
                                    + " and table_type = 'BASE TABLE' and table_name not like 'flyway%'"
                                    + " order by table_name")) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (!ignored.contains(table)) {
                        tables.add(table);
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables at " + jdbcUrl);
            }
            List<String> parts = new ArrayList<>();
            for (String table : tables) {
                String newest = countOnly.contains(table) ? "''" : "coalesce(max(xmin::text::bigint), 0)::text";
                parts.add("select '" + table + "', count(*) || '/' || " + newest + " from \"" + table + "\"");
            }
            return new TableFingerprints(connection, String.join(" union all ", parts));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The cluster's next transaction id as of now ({@code pg_current_snapshot()}'s xmax): it moves when a
     * transaction that wrote (or locked) anything ends, committed or rolled back, and never for reads. One cheap
     * query, so the fingerprints are read only when it moved.
     */
    public Object writeMark() {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select pg_snapshot_xmax(pg_current_snapshot())::text")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public TreeMap<String, String> get() {
        TreeMap<String, String> fingerprints = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                fingerprints.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return fingerprints;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing only
        }
    }
}
