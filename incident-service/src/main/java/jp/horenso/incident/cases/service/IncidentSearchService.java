package jp.horenso.incident.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.Severity;
import jp.horenso.platform.security.Caller;

/**
 * Lists, counts and summarises cases. The caller's scope is part of every query, written to match
 * {@link IncidentAccessPolicy} exactly (one definition, {@link CaseCriteria}), so a list never shows a case its detail
 * view would refuse.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentSearchService {

    /** One page of cases and how many match in all. */
    public record Page(List<Incident> items, int page, int size, long total) {}

    /** Counts of real (non-drill) cases by severity, state and kind. */
    public record Statistics(
            long total, Map<String, Long> bySeverity, Map<String, Long> byState, Map<String, Long> byKind) {}

    private final EntityManager em;

    public IncidentSearchService(EntityManager em) {
        this.em = em;
    }

    public Page list(Caller caller, IncidentQuery query, int page, int size, String sort) {
        Where where = where(caller, query);
        TypedQuery<Incident> select = em.createQuery(
                "SELECT i FROM Incident i WHERE " + where.jpql + " ORDER BY " + orderBy(sort), Incident.class);
        where.params.forEach(select::setParameter);
        List<Incident> items =
                select.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page(items, page, size, count(caller, query));
    }

    public long count(Caller caller, IncidentQuery query) {
        Where where = where(caller, query);
        // count(*), not count(i): counting the case's id would read every row, count(*) lets PostgreSQL answer from
        // an index (incident_facets_idx) without visiting the cases.
        TypedQuery<Long> count = em.createQuery("SELECT count(*) FROM Incident i WHERE " + where.jpql, Long.class);
        where.params.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /**
     * Statistics over the caller's scope; drills are always left out (第48条). One pass over the scope, grouped by
     * severity, state and kind together (at most 96 groups), summed here: answered from {@code incident_facets_idx}.
     */
    public Statistics statistics(Caller caller, IncidentQuery query) {
        Where where = where(caller, query.withoutDrills());
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.name(), 0L);
        }
        Map<String, Long> byState = new LinkedHashMap<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        String severity = "coalesce(i.severityOverride, i.computedSeverity)";
        TypedQuery<Object[]> q = em.createQuery(
                "SELECT " + severity + ", i.state, i.kind, count(*) FROM Incident i WHERE " + where.jpql + " GROUP BY "
                        + severity + ", i.state, i.kind",
                Object[].class);
        where.params.forEach(q::setParameter);
        long total = 0;
        for (Object[] row : q.getResultList()) {
            long n = (Long) row[3];
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
