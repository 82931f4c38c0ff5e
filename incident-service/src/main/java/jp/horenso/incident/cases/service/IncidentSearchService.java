package jp.horenso.incident.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.common.db.Replica;
import jp.horenso.incident.common.db.SqlReads;
import jp.horenso.platform.security.Caller;

/**
 * Lists, counts and summarises cases. The caller's scope is part of every query, written to match
 * {@link IncidentAccessPolicy} exactly (one definition, {@link CaseCriteria}), so a list never shows a case its detail
 * view would refuse. The list reads the primary (a person who just changed a case sees it changed); the counts and
 * statistics read the {@link Replica} (figures that tolerate a standby's lag of seconds, docs/operations.md).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentSearchService {

    /**
     * A text search counts at most this many matches: a common word matches a large part of an organisation's cases,
     * and an exact total of tens of thousands costs more than the page itself (issue 13). Beyond it the page's total
     * is this number and {@code totalIsLowerBound} says so ("1,000件以上"). A thousand, not more: every counted match
     * is rechecked in its table row (the trigram index is lossy), so the count's cost grows with the cap; at a
     * million cases a cap of 10,000 cost 300–380 ms p95 for two common words (docs/benchmarks.md). Nobody reads a
     * thousand search results; they add a word or a filter.
     */
    public static final int TEXT_MATCHES_COUNTED = 1_000;

    /**
     * One page of cases and how many match in all.
     *
     * @param totalIsLowerBound true when a text search matched more than {@link #TEXT_MATCHES_COUNTED} cases: the
     *     total is then that number, not the exact count
     */
    public record Page(List<Incident> items, int page, int size, long total, boolean totalIsLowerBound) {}

    /** Counts of real (non-drill) cases by severity, state and kind. */
    public record Statistics(
            long total, Map<String, Long> bySeverity, Map<String, Long> byState, Map<String, Long> byKind) {}

    private final EntityManager em;
    private final Replica replica;
    private final IncidentTally tally;

    public IncidentSearchService(EntityManager em, Replica replica, IncidentTally tally) {
        this.em = em;
        this.replica = replica;
        this.tally = tally;
    }

    public Page list(Caller caller, IncidentQuery query, int page, int size, String sort) {
        Where where = where(caller, query);
        TypedQuery<Incident> select = em.createQuery(
                "SELECT i FROM Incident i WHERE " + where.jpql + " ORDER BY " + orderBy(sort), Incident.class);
        where.params.forEach(select::setParameter);
        List<Incident> items =
                select.setFirstResult(page * size).setMaxResults(size).getResultList();
        if (query.text() == null || query.text().isEmpty()) {
            return new Page(items, page, size, countOnPrimary(caller, query), false);
        }
        long matches = textMatches(caller, query);
        return new Page(items, page, size, Math.min(matches, TEXT_MATCHES_COUNTED), matches > TEXT_MATCHES_COUNTED);
    }

    /** How many cases a text search matches, counted up to one more than {@link #TEXT_MATCHES_COUNTED}. */
    private long textMatches(Caller caller, IncidentQuery query) {
        CaseCriteria.Where where = CaseCriteria.of(caller, query, "i", CaseCriteria.Language.SQL);
        Query count = em.createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM incident i WHERE " + where.condition()
                + " LIMIT " + (TEXT_MATCHES_COUNTED + 1) + ") m");
        where.params().forEach(count::setParameter);
        return ((Number) count.getSingleResult()).longValue();
    }

    /** How many cases match, from the replica. */
    public long count(Caller caller, IncidentQuery query) {
        CaseCriteria.Where where = CaseCriteria.of(caller, query, "i", CaseCriteria.Language.SQL);
        // count(*) lets PostgreSQL answer from an index (incident_facets_idx) without visiting the cases.
        return replica.read(
                db -> db.count("SELECT count(*) FROM incident i WHERE " + where.condition(), where.params()));
    }

    /** The total of a page of the list: from the same server as its rows. */
    private long countOnPrimary(Caller caller, IncidentQuery query) {
        Where where = where(caller, query);
        // count(*), not count(i): counting the case's id would read every row, count(*) lets PostgreSQL answer from
        // an index (incident_facets_idx) without visiting the cases.
        TypedQuery<Long> count = em.createQuery("SELECT count(*) FROM Incident i WHERE " + where.jpql, Long.class);
        where.params.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /**
     * Statistics over the caller's scope; drills are always left out (第48条). Grouped by severity, state and kind
     * together (at most 96 groups), summed here: from the counts kept per organisation ({@link IncidentTally}) when
     * they can answer, else in one pass over the scope's cases ({@code incident_facets_idx}). From the replica.
     */
    public Statistics statistics(Caller caller, IncidentQuery query) {
        return replica.read(db -> statistics(db, caller, query));
    }

    private Statistics statistics(SqlReads db, Caller caller, IncidentQuery query) {
        CaseCriteria.Where where = CaseCriteria.of(caller, query.withoutDrills(), "i", CaseCriteria.Language.SQL);
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.name(), 0L);
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        List<Object[]> rows;
        if (IncidentTally.answers(caller, query)) {
            rows = tally.counts(db, caller, query);
        } else {
            rows = db.rows(
                    "SELECT " + CaseCriteria.severitySql("i") + ", i.state, i.kind, count(*) FROM incident i WHERE "
                            + where.condition() + " GROUP BY 1, 2, 3",
                    where.params());
        }
        long total = 0;
        for (Object[] row : rows) {
            long n = ((Number) row[3]).longValue();
            bySeverity.merge(String.valueOf(row[0]), n, Long::sum);
            byState.merge(String.valueOf(row[1]), n, Long::sum);
            byKind.merge(String.valueOf(row[2]), n, Long::sum);
            total += n;
        }
        return new Statistics(total, bySeverity, byState, byKind);
    }

    private record Where(String jpql, Map<String, Object> params) {}

    private static Where where(Caller caller, IncidentQuery q) {
        CaseCriteria.Where where = CaseCriteria.of(caller, q, "i", CaseCriteria.Language.JPQL);
        return new Where(where.condition(), where.params());
    }

    private static String orderBy(String sort) {
        return switch (sort == null ? "-reportedAt" : sort) {
            case "reportedAt" -> "i.reportedAt ASC, i.number ASC";
            case "number" -> "i.number ASC";
            case "-number" -> "i.number DESC";
            case "-severity" ->
                "CASE coalesce(i.severityOverride, i.computedSeverity)"
                        + " WHEN jp.horenso.incident.cases.Severity.CRITICAL THEN 4"
                        + " WHEN jp.horenso.incident.cases.Severity.HIGH THEN 3"
                        + " WHEN jp.horenso.incident.cases.Severity.MEDIUM THEN 2 ELSE 1 END DESC, i.reportedAt DESC";
            default -> "i.reportedAt DESC, i.number DESC";
        };
    }
}
