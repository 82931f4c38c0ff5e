package jp.horenso.incident.dashboard.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.service.CaseCriteria;
import jp.horenso.incident.cases.service.IncidentQuery;
import jp.horenso.incident.cases.service.IncidentTally;
import jp.horenso.incident.common.db.Replica;
import jp.horenso.incident.common.db.SqlReads;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.dashboard.rest.KpiReport;
import jp.horenso.platform.security.Caller;

/**
 * The CSIRT's figures over the caller's scope (the case list's {@link CaseCriteria}), computed in PostgreSQL
 * ({@code percentile_cont}) from indexes; drills are never counted (第48条). Read from the {@link Replica} in one
 * snapshot (figures of months tolerate a standby's lag of seconds); only a settled month's figures, once computed, are
 * kept through the primary.
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

    /** Measures of a month as kept (V17 kpi_month_figure): time to acknowledge by step, to contain, to close. */
    private static final String ACK = "ACK:";

    private static final String CONTAIN = "CONTAIN";
    private static final String CLOSE = "CLOSE";
    /**
     * A month is settled (its figures may be kept) this long after it ended: no transaction that began in it is still
     * running, so whatever changes it later raises its version (V17 kpi_month_touched).
     */
    private static final Duration SETTLED_AFTER = Duration.ofHours(1);

    private static final String FIGURES = "percentile_cont(0.5) WITHIN GROUP (ORDER BY s), "
            + "percentile_cont(0.9) WITHIN GROUP (ORDER BY s), count(*)";

    private final EntityManager em;
    private final Replica replica;
    private final JapanTime clock;
    private final IncidentTally tally;

    public KpiService(EntityManager em, Replica replica, JapanTime clock, IncidentTally tally) {
        this.clock = clock;
        this.em = em;
        this.replica = replica;
        this.tally = tally;
    }

    public KpiReport report(Caller caller, int months) {
        OffsetDateTime now = clock.now();
        return replica.read(db -> report(db, caller, months, now));
    }

    private KpiReport report(SqlReads db, Caller caller, int months, OffsetDateTime now) {
        CaseCriteria.Where where = CaseCriteria.of(
                caller,
                new IncidentQuery(List.of(), List.of(), List.of(), null, null, null, null, null, null),
                "i",
                CaseCriteria.Language.SQL);
        String real = where.condition() + " AND NOT i.drill";
        // Every role that may read the KPIs sees its whole organisation: hops and actions then carry the scope
        // themselves (organisation and drill copied from the case, V15), so a month's figures read one organisation's
        // rows from an index instead of joining every hop of the installation to its case; and a settled month's
        // figures are kept per organisation (V17), so only the current month is computed at each request.
        boolean wholeOrganisation = Roles.seesWholeOrganisation(caller);
        String hopScope = "h.organisation = :organisation AND NOT h.drill";
        YearMonth last = YearMonth.from(now);
        YearMonth first = last.minusMonths(months - 1L);
        OffsetDateTime start = first.atDay(1).atStartOfDay(JapanTime.ZONE).toOffsetDateTime();

        Map<String, Map<String, Raw>> figures = wholeOrganisation
                ? keptOrComputed(db, caller.organisationRef().code(), where, first, last, now)
                : computed(db, where, false, start, null);

        List<KpiReport.Month> list = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Map<String, Raw> month = figures.getOrDefault(m.toString(), Map.of());
            Map<String, KpiReport.Figure> ack = new TreeMap<>();
            month.forEach((measure, raw) -> {
                if (measure.startsWith(ACK)) {
                    ack.put(measure.substring(ACK.length()), raw.figure());
                }
            });
            list.add(new KpiReport.Month(
                    m.toString(),
                    ack,
                    month.containsKey(CONTAIN) ? month.get(CONTAIN).figure() : KpiReport.Figure.NONE,
                    month.containsKey(CLOSE) ? month.get(CLOSE).figure() : KpiReport.Figure.NONE));
        }

        Map<String, Long> open = new LinkedHashMap<>();
        for (int n = Severity.values().length - 1; n >= 0; n--) {
            open.put(Severity.values()[n].name(), 0L);
        }
        if (wholeOrganisation) {
            // from the organisation's kept counts (V17 incident_tally: real cases by severity and state)
            IncidentQuery notClosed = new IncidentQuery(
                    Arrays.stream(IncidentState.values())
                            .filter(s -> s != IncidentState.CLOSED)
                            .toList(),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    Boolean.FALSE);
            for (Object[] r : tally.counts(db, caller, notClosed)) {
                open.merge((String) r[0], ((Number) r[3]).longValue(), Long::sum);
            }
        } else {
            for (Object[] r : rows(
                    db,
                    "SELECT " + CaseCriteria.severitySql("i") + ", count(*) FROM incident i " + "WHERE i.state IN ("
                            + NOT_CLOSED + ") AND " + real + " GROUP BY 1",
                    where,
                    null,
                    null)) {
                open.put((String) r[0], ((Number) r[1]).longValue());
            }
        }
        long overdueHops = count(
                db,
                "SELECT count(*) FROM chain_hop h JOIN incident i ON i.id = h.incident_id "
                        + "WHERE h.state IN ('OPEN', 'TIMED_OUT') AND NOT h.chain_stopped AND h.ack_deadline < :now "
                        + "AND i.state <> 'CLOSED' AND " + real + (wholeOrganisation ? " AND " + hopScope : ""),
                where,
                now);
        // A whole organisation's clocks carry its scope (V19): read from its partial indexes, no join to the cases.
        long overdueClocks = count(
                db,
                wholeOrganisation
                        ? "SELECT count(*) FROM legal_clock c WHERE c.organisation = :organisation AND NOT c.drill "
                                + "AND c.due_at < :now"
                        : "SELECT count(*) FROM legal_clock c JOIN incident i ON i.id = c.incident_id "
                                + "WHERE c.due_at < :now AND " + real,
                where,
                now);
        return new KpiReport(list, open, overdueHops, overdueClocks);
    }

    /**
     * The figures of the months in {@code [first, last]} of a whole organisation: a settled month's from what was kept
     * (V17 {@code kpi_month}) while its version is unchanged, else computed and kept; months not settled yet are
     * always computed.
     */
    private Map<String, Map<String, Raw>> keptOrComputed(
            SqlReads db,
            String organisation,
            CaseCriteria.Where where,
            YearMonth first,
            YearMonth last,
            OffsetDateTime now) {
        List<String> settled = new ArrayList<>();
        YearMonth live = first;
        while (!live.isAfter(last)
                && !start(live.plusMonths(1)).plus(SETTLED_AFTER).isAfter(now)) {
            settled.add(live.toString());
            live = live.plusMonths(1);
        }
        Map<String, Map<String, Raw>> result = new TreeMap<>();
        if (!settled.isEmpty()) {
            // the kept months still valid and their figures, in one statement (one snapshot)
            for (Object[] r : rows(
                    db,
                    "SELECT c.month, f.measure, f.median, f.p90, f.n FROM kpi_month c LEFT JOIN kpi_month_figure f "
                            + "ON f.organisation = c.organisation AND f.month = c.month "
                            + "WHERE c.organisation = :org AND c.month IN (:months) AND c.version = coalesce("
                            + "(SELECT v.version FROM kpi_month_version v WHERE v.organisation = c.organisation "
                            + "AND v.month = c.month), 0)",
                    Map.of("org", organisation, "months", settled))) {
                Map<String, Raw> month = result.computeIfAbsent((String) r[0], m -> new HashMap<>());
                if (r[1] != null) {
                    month.put((String) r[1], raw(r, 2));
                }
            }
            List<String> missing =
                    settled.stream().filter(m -> !result.containsKey(m)).toList();
            if (!missing.isEmpty()) {
                // the versions first: a change committed while computing raises them, and what is kept is not used
                Map<String, Long> versions = new HashMap<>();
                for (Object[] r : rows(
                        db,
                        "SELECT month, version FROM kpi_month_version WHERE organisation = :org AND month IN (:months)",
                        Map.of("org", organisation, "months", missing))) {
                    versions.put((String) r[0], ((Number) r[1]).longValue());
                }
                YearMonth from = YearMonth.parse(missing.get(0));
                YearMonth to = YearMonth.parse(missing.get(missing.size() - 1)).plusMonths(1);
                // versions and figures from the same snapshot: a change committed after it has raised the version
                // on the primary, so what is kept is not used
                Map<String, Map<String, Raw>> computed = computed(db, where, true, start(from), start(to));
                for (String m : missing) {
                    result.put(m, computed.getOrDefault(m, Map.of()));
                }
                QuarkusTransaction.requiringNew().run(() -> keep(organisation, missing, versions, result));
            }
        }
        if (!live.isAfter(last)) {
            result.putAll(computed(db, where, true, start(live), null));
        }
        return result;
    }

    private void keep(
            String organisation, List<String> months, Map<String, Long> versions, Map<String, Map<String, Raw>> all) {
        for (String m : months) {
            // the month's row first: it locks out a second keeper of the same month until this one commits
            update(
                    "INSERT INTO kpi_month (organisation, month, version) VALUES (:org, :month, :version) "
                            + "ON CONFLICT (organisation, month) DO UPDATE SET version = excluded.version",
                    Map.of("org", organisation, "month", m, "version", versions.getOrDefault(m, 0L)));
            update(
                    "DELETE FROM kpi_month_figure WHERE organisation = :org AND month = :month",
                    Map.of("org", organisation, "month", m));
            for (Map.Entry<String, Raw> f : all.get(m).entrySet()) {
                Query q = em.createNativeQuery("INSERT INTO kpi_month_figure (organisation, month, measure, median, "
                        + "p90, n) VALUES (:org, :month, :measure, CAST(:median AS double precision), "
                        + "CAST(:p90 AS double precision), :n)");
                q.setParameter("org", organisation)
                        .setParameter("month", m)
                        .setParameter("measure", f.getKey())
                        .setParameter("median", f.getValue().median())
                        .setParameter("p90", f.getValue().p90())
                        .setParameter("n", f.getValue().count());
                q.executeUpdate();
            }
        }
    }

    /**
     * Time to acknowledge (by step), to contain and to close of the months from {@code start} (to {@code end}, when
     * named), by month: measure → figures.
     */
    private static Map<String, Map<String, Raw>> computed(
            SqlReads db,
            CaseCriteria.Where where,
            boolean wholeOrganisation,
            OffsetDateTime start,
            OffsetDateTime end) {
        String real = where.condition() + " AND NOT i.drill";
        String hopScope = "h.organisation = :organisation AND NOT h.drill";
        String actionScope = "r.organisation = :organisation AND NOT r.drill";
        Map<String, Map<String, Raw>> result = new TreeMap<>();
        for (Object[] r : rows(
                db,
                "SELECT month, step, " + FIGURES + " FROM (SELECT " + MONTH.formatted("h.acknowledged_at")
                        + " AS month, h.step, extract(epoch FROM h.acknowledged_at - h.opened_at) AS s FROM chain_hop h "
                        + (wholeOrganisation
                                ? "WHERE h.acknowledged_at >= :start AND h.acknowledged_at IS NOT NULL AND " + hopScope
                                : "JOIN incident i ON i.id = h.incident_id WHERE h.acknowledged_at >= :start AND "
                                        + real)
                        + (end == null ? "" : " AND h.acknowledged_at < :end")
                        + ") t GROUP BY month, step ORDER BY month, step",
                where,
                start,
                end)) {
            result.computeIfAbsent((String) r[0], m -> new HashMap<>()).put(ACK + r[1], raw(r, 2));
        }
        for (Object[] r : rows(
                db,
                "SELECT month, " + FIGURES + " FROM (SELECT "
                        + MONTH.formatted("r.completed_at")
                        + " AS month, extract(epoch FROM r.completed_at - i.reported_at) AS s "
                        + "FROM response_action r JOIN incident i ON i.id = r.incident_id "
                        + "WHERE r.kind = 'CONTAINMENT' AND r.status = 'DONE' AND r.completed_at >= :start AND " + real
                        + (wholeOrganisation ? " AND " + actionScope : "")
                        + (end == null ? "" : " AND r.completed_at < :end")
                        // the first containment done only: none done before it
                        + " AND NOT EXISTS (SELECT 1 FROM response_action e WHERE e.incident_id = r.incident_id "
                        + "AND e.kind = 'CONTAINMENT' AND e.status = 'DONE' AND (e.completed_at < r.completed_at "
                        + "OR (e.completed_at = r.completed_at AND e.id < r.id)))) t GROUP BY month",
                where,
                start,
                end)) {
            result.computeIfAbsent((String) r[0], m -> new HashMap<>()).put(CONTAIN, raw(r, 1));
        }
        for (Object[] r : rows(
                db,
                "SELECT month, " + FIGURES + " FROM (SELECT "
                        + MONTH.formatted("i.closed_at")
                        + " AS month, extract(epoch FROM i.closed_at - i.reported_at) AS s "
                        + "FROM incident i WHERE i.closed_at >= :start AND " + real
                        + (end == null ? "" : " AND i.closed_at < :end") + ") t GROUP BY month",
                where,
                start,
                end)) {
            result.computeIfAbsent((String) r[0], m -> new HashMap<>()).put(CLOSE, raw(r, 1));
        }
        return result;
    }

    private static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay(JapanTime.ZONE).toOffsetDateTime();
    }

    /** Median and 90th percentile as PostgreSQL computed them (unrounded), and how many durations. */
    private record Raw(Double median, Double p90, long count) {

        KpiReport.Figure figure() {
            return new KpiReport.Figure(seconds(median), seconds(p90), count);
        }
    }

    private static Raw raw(Object[] r, int at) {
        return new Raw(
                r[at] == null ? null : ((Number) r[at]).doubleValue(),
                r[at + 1] == null ? null : ((Number) r[at + 1]).doubleValue(),
                ((Number) r[at + 2]).longValue());
    }

    private static Long seconds(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }

    private static List<Object[]> rows(
            SqlReads db, String sql, CaseCriteria.Where where, OffsetDateTime start, OffsetDateTime end) {
        Map<String, Object> params = new HashMap<>(where.params());
        if (start != null) {
            params.put("start", start);
        }
        if (end != null) {
            params.put("end", end);
        }
        return db.rows(sql, params);
    }

    private static List<Object[]> rows(SqlReads db, String sql, Map<String, Object> params) {
        return db.rows(sql, params);
    }

    private void update(String sql, Map<String, Object> params) {
        Query q = em.createNativeQuery(sql);
        params.forEach(q::setParameter);
        q.executeUpdate();
    }

    private static long count(SqlReads db, String sql, CaseCriteria.Where where, OffsetDateTime now) {
        Map<String, Object> params = new HashMap<>(where.params());
        params.put("now", now);
        return db.count(sql, params);
    }
}
