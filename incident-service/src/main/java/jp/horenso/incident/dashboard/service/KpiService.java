package jp.horenso.incident.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.service.CaseCriteria;
import jp.horenso.incident.cases.service.IncidentQuery;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.dashboard.rest.KpiReport;
import jp.horenso.platform.security.Caller;

/**
 * The CSIRT's figures over the caller's scope (the case list's {@link CaseCriteria}), computed in PostgreSQL
 * ({@code percentile_cont}) from indexes; drills are never counted (第48条).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class KpiService {

    private static final String MONTH = "to_char(%s AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')";
    /** The states of a case not closed, listed: each is a range of {@code incident_facets_idx}, read index-only. */
    private static final String NOT_CLOSED = Arrays.stream(IncidentState.values())
            .filter(s -> s != IncidentState.CLOSED)
            .map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));

    private static final String FIGURES = "percentile_cont(0.5) WITHIN GROUP (ORDER BY s), "
            + "percentile_cont(0.9) WITHIN GROUP (ORDER BY s), count(*)";

    private final EntityManager em;
    private final JapanTime clock;

    public KpiService(EntityManager em, JapanTime clock) {
        this.clock = clock;
        this.em = em;
    }

    public KpiReport report(Caller caller, int months) {
        CaseCriteria.Where where = CaseCriteria.of(
                caller,
                new IncidentQuery(List.of(), List.of(), List.of(), null, null, null, null, null, null),
                "i",
                CaseCriteria.Language.SQL);
        String real = where.condition() + " AND NOT i.drill";
        // Every role that may read the KPIs sees its whole organisation: hops and actions then carry the scope
        // themselves (organisation and drill copied from the case, V15), so a month's figures read one organisation's
        // rows from an index instead of joining every hop of the installation to its case.
        boolean wholeOrganisation = Roles.seesWholeOrganisation(caller);
        String hopScope = "h.organisation = :organisation AND NOT h.drill";
        String actionScope = "r.organisation = :organisation AND NOT r.drill";
        YearMonth last = YearMonth.from(clock.now());
        YearMonth first = last.minusMonths(months - 1L);
        OffsetDateTime start = first.atDay(1).atStartOfDay(JapanTime.ZONE).toOffsetDateTime();
        OffsetDateTime now = clock.now();

        Map<String, Map<String, KpiReport.Figure>> ack = new TreeMap<>();
        for (Object[] r : rows(
                "SELECT month, step, " + FIGURES + " FROM (SELECT " + MONTH.formatted("h.acknowledged_at")
                        + " AS month, h.step, extract(epoch FROM h.acknowledged_at - h.opened_at) AS s FROM chain_hop h "
                        + (wholeOrganisation
                                ? "WHERE h.acknowledged_at >= :start AND h.acknowledged_at IS NOT NULL AND " + hopScope
                                : "JOIN incident i ON i.id = h.incident_id WHERE h.acknowledged_at >= :start AND "
                                        + real)
                        + ") t GROUP BY month, step ORDER BY month, step",
                where,
                start,
                null)) {
            ack.computeIfAbsent((String) r[0], m -> new LinkedHashMap<>()).put((String) r[1], figure(r, 2));
        }
        Map<String, KpiReport.Figure> contain = byMonth(
                "SELECT month, " + FIGURES + " FROM (SELECT "
                        + MONTH.formatted("r.completed_at")
                        + " AS month, extract(epoch FROM r.completed_at - i.reported_at) AS s "
                        + "FROM response_action r JOIN incident i ON i.id = r.incident_id "
                        + "WHERE r.kind = 'CONTAINMENT' AND r.status = 'DONE' AND r.completed_at >= :start AND " + real
                        + (wholeOrganisation ? " AND " + actionScope : "")
                        // the first containment done only: none done before it
                        + " AND NOT EXISTS (SELECT 1 FROM response_action e WHERE e.incident_id = r.incident_id "
                        + "AND e.kind = 'CONTAINMENT' AND e.status = 'DONE' AND (e.completed_at < r.completed_at "
                        + "OR (e.completed_at = r.completed_at AND e.id < r.id)))) t GROUP BY month",
                where,
                start);
        Map<String, KpiReport.Figure> close = byMonth(
                "SELECT month, " + FIGURES + " FROM (SELECT "
                        + MONTH.formatted("i.closed_at")
                        + " AS month, extract(epoch FROM i.closed_at - i.reported_at) AS s "
                        + "FROM incident i WHERE i.closed_at >= :start AND " + real + ") t GROUP BY month",
                where,
                start);

        List<KpiReport.Month> list = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            String key = m.toString();
            list.add(new KpiReport.Month(
                    key,
                    ack.getOrDefault(key, Map.of()),
                    contain.getOrDefault(key, KpiReport.Figure.NONE),
                    close.getOrDefault(key, KpiReport.Figure.NONE)));
        }

        Map<String, Long> open = new LinkedHashMap<>();
        for (int n = Severity.values().length - 1; n >= 0; n--) {
            open.put(Severity.values()[n].name(), 0L);
        }
        for (Object[] r : rows(
                "SELECT " + CaseCriteria.severitySql("i") + ", count(*) FROM incident i " + "WHERE i.state IN ("
                        + NOT_CLOSED + ") AND " + real + " GROUP BY 1",
                where,
                null,
                null)) {
            open.put((String) r[0], ((Number) r[1]).longValue());
        }
        long overdueHops = count(
                "SELECT count(*) FROM chain_hop h JOIN incident i ON i.id = h.incident_id "
                        + "WHERE h.state IN ('OPEN', 'TIMED_OUT') AND NOT h.chain_stopped AND h.ack_deadline < :now "
                        + "AND i.state <> 'CLOSED' AND " + real + (wholeOrganisation ? " AND " + hopScope : ""),
                where,
                now);
        long overdueClocks = count(
                "SELECT count(*) FROM legal_clock c JOIN incident i ON i.id = c.incident_id "
                        + "WHERE c.due_at < :now AND " + real,
                where,
                now);
        return new KpiReport(list, open, overdueHops, overdueClocks);
    }

    private Map<String, KpiReport.Figure> byMonth(String sql, CaseCriteria.Where where, OffsetDateTime start) {
        Map<String, KpiReport.Figure> result = new TreeMap<>();
        for (Object[] r : rows(sql, where, start, null)) {
            result.put((String) r[0], figure(r, 1));
        }
        return result;
    }

    private static KpiReport.Figure figure(Object[] r, int at) {
        return new KpiReport.Figure(seconds(r[at]), seconds(r[at + 1]), ((Number) r[at + 2]).longValue());
    }

    private static Long seconds(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, CaseCriteria.Where where, OffsetDateTime start, OffsetDateTime now) {
        return query(sql, where, start, now).getResultList();
    }

    private long count(String sql, CaseCriteria.Where where, OffsetDateTime now) {
        return ((Number) query(sql, where, null, now).getSingleResult()).longValue();
    }

    private Query query(String sql, CaseCriteria.Where where, OffsetDateTime start, OffsetDateTime now) {
        Query q = em.createNativeQuery(sql);
        where.params().forEach(q::setParameter);
        if (start != null) {
            q.setParameter("start", start);
        }
        if (now != null) {
            q.setParameter("now", now);
        }
        return q;
    }
}
