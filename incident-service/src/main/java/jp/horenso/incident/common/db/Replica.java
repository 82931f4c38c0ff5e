package jp.horenso.incident.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The read replica (datasource {@code reporting}): the dashboard's figures that tolerate a standby's lag of seconds
 * (docs/operations.md, "Read replica"). In Kubernetes it is CloudNativePG's {@code horenso-pg-ro} service (the
 * standbys); elsewhere, by default, the same database as the primary. Its connections are read-only
 * ({@code default_transaction_read_only}) and take part in no JTA transaction: a write through it fails, and it never
 * sees the caller's uncommitted changes — so nothing that must see the caller's own write reads here.
 */
@ApplicationScoped
public class Replica {

    /** The name of the datasource and the {@code application_name} its connections carry. */
    public static final String DATASOURCE = "reporting";

    private final AgroalDataSource dataSource;

    public Replica(@DataSource(DATASOURCE) AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work}'s reads on one replica connection, in one read-only REPEATABLE READ transaction: one snapshot
     * of one server, so counts and rows read together agree.
     */
    public <T> T read(Function<SqlReads, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                T result = work.apply((sql, params) -> rows(connection, sql, params));
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ReplicaException(e);
        }
    }

    private static List<Object[]> rows(Connection connection, String sql, Map<String, ?> params) {
        NamedParameters statement = NamedParameters.of(sql, params);
        try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
            statement.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new ReplicaException(e);
        }
    }

    /** A read on the replica failed (the standby unreachable, or a statement refused). */
    public static final class ReplicaException extends RuntimeException {
        ReplicaException(SQLException cause) {
            super("reading the replica failed: " + cause.getMessage(), cause);
        }
    }
}
