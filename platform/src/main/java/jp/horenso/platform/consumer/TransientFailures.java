package jp.horenso.platform.consumer;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Tells a failure that may go away by itself (the database restarting, a pool or lock timeout, a serialization
 * conflict) from one that will not (a malformed event, a rule the event breaks).
 */
public final class TransientFailures {

    /** SQLSTATEs worth another try: connection failures, serialization failure, deadlock, lock not available,
     * shutdown in progress, insufficient resources. */
    private static final Set<String> TRANSIENT_STATES =
            Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03", "53000", "53100", "53200", "53300", "53400");

    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof JDBCConnectionException
                    || t instanceof LockAcquisitionException
                    || t instanceof LockTimeoutException
                    || t instanceof PessimisticLockException
                    || t instanceof QueryTimeoutException
                    || t instanceof OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
                    return true;
                }
                // Agroal: "Acquisition timeout while waiting for new connection"; PostgreSQL while the database is
                // closed for connections (55000 "… is not currently accepting connections", e.g. during a restore).
                if (sql.getMessage() != null
                        && (sql.getMessage().contains("Acquisition timeout")
                                || sql.getMessage().contains("not currently accepting connections"))) {
                    return true;
                }
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
