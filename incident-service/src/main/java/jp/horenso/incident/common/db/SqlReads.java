package jp.horenso.incident.common.db;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Map;

/**
 * Read-only SQL with named parameters ({@code :name}; a collection expands to a list, for {@code IN (:names)}),
 * answered either by the primary (the service's {@link EntityManager}) or by the read replica ({@link Replica}). Rows
 * come as JDBC returns them: numbers as {@link Number}, times as {@code Timestamp} or {@code OffsetDateTime} (read them
 * with {@code JapanTime.of(Object)}), uuid as {@code UUID}.
 */
public interface SqlReads {

    List<Object[]> rows(String sql, Map<String, ?> params);

    /** The first column of the only row, as a number (a count). */
    default long count(String sql, Map<String, ?> params) {
        List<Object[]> rows = rows(sql, params);
        return ((Number) rows.get(0)[0]).longValue();
    }

    /** Reads through the primary, in the caller's transaction if there is one. */
    static SqlReads primary(EntityManager em) {
        return (sql, params) -> {
            Query q = em.createNativeQuery(sql);
            params.forEach(q::setParameter);
            @SuppressWarnings("unchecked")
            List<Object> result = q.getResultList();
            return result.stream()
                    .map(r -> r instanceof Object[] row ? row : new Object[] {r})
                    .toList();
        };
    }
}
