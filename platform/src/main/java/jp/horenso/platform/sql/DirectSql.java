package jp.horenso.platform.sql;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Native statements run on the JDBC connection of the caller's Hibernate session (its transaction), past Hibernate's
 * native-query API. Use it for the small native statements that run on every event or request.
 *
 * <p>Why: Hibernate ORM 7.2 keys a native query's plan by its SQL <em>and</em> its dynamic result-set mapping, and
 * the mapping built for one call never equals the one of the next call. Every call of a native SELECT therefore adds
 * one more entry under the same hash to the query-plan cache (up to its 2,048 entries, evicting the HQL plans), and
 * every lookup walks all of them: JFR found 7–16 % of a service's CPU in that walk under load (docs/benchmarks.md,
 * issue 13; {@code DatabaseClockTest} shows the growth).
 *
 * <p>Like a Hibernate native query, {@link #first} and {@link #list} flush the session's pending changes first, so
 * the query sees what the transaction changed through entities; {@link #unflushed} does not, for queries no entity
 * change can affect (the clock, {@code NOTIFY}).
 */
public final class DirectSql {

    /** Reads one row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private DirectSql() {}

    /** The first row's value, or empty when the query returns no row. */
    public static <T> Optional<T> first(
            EntityManager entityManager, String sql, RowReader<T> reader, Object... parameters) {
        return firstOf(run(entityManager, true, sql, reader, 1, parameters));
    }

    /** Every row's value. */
    public static <T> List<T> list(EntityManager entityManager, String sql, RowReader<T> reader, Object... parameters) {
        return run(entityManager, true, sql, reader, Integer.MAX_VALUE, parameters);
    }

    /** The first row's value, without flushing the session first: for queries no entity change can affect. */
    public static <T> Optional<T> unflushed(
            EntityManager entityManager, String sql, RowReader<T> reader, Object... parameters) {
        return firstOf(run(entityManager, false, sql, reader, 1, parameters));
    }

    /**
     * Runs an INSERT, UPDATE or DELETE and returns how many rows it changed; the session's pending changes are flushed
     * first, as Hibernate does before a native statement.
     */
    public static int update(EntityManager entityManager, String sql, Object... parameters) {
        return onConnection(entityManager, true, sql, parameters, PreparedStatement::executeUpdate);
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static <T> Optional<T> firstOf(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static <T> List<T> run(
            EntityManager entityManager,
            boolean flush,
            String sql,
            RowReader<T> reader,
            int max,
            Object... parameters) {
        return onConnection(entityManager, flush, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (result.size() < max && rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        });
    }

    /** What is done with the bound statement. */
    @FunctionalInterface
    private interface StatementWork<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    /** {@code sql} prepared on the session's connection (flushed first if asked), bound, and handed to {@code work}. */
    private static <R> R onConnection(
            EntityManager entityManager, boolean flush, String sql, Object[] parameters, StatementWork<R> work) {
        Session session = entityManager.unwrap(Session.class);
        if (flush && session.isJoinedToTransaction()) {
            session.flush();
        }
        return session.doReturningWork((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return work.run(statement);
            }
        });
    }
}
