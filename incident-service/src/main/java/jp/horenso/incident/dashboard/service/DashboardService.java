package jp.horenso.incident.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.service.CaseCriteria;
import jp.horenso.incident.cases.service.IncidentSearchService;
import jp.horenso.incident.chain.rest.HopView;
import jp.horenso.incident.common.db.Replica;
import jp.horenso.incident.common.db.SqlReads;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.dashboard.rest.DashboardPage;
import jp.horenso.platform.security.Caller;

/**
 * The CSIRT dashboard: a page of cases in the caller's scope (the case list's {@link CaseCriteria}) with where each
 * stands in the chain, its next legal deadline and its response phase, each from an index. Read from the
 * {@link Replica} in one snapshot: the page refreshes on the console's live updates, after the change it shows, and
 * tolerates a standby's lag of seconds (docs/operations.md).
 */
@ApplicationScoped
public class DashboardService {

    /** The row of a page; the chain position, legal clock and phase are looked up for the page's rows only. */
    static final String COLUMNS = """
            SELECT i.id, i.number, i.title, i.unit, %1$s AS severity, i.state, i.drill, i.reported_at,
                   cp.step, cp.recipient_username, cp.recipient_name, cp.ack_deadline,
                   (SELECT count(*) FROM chain_hop o WHERE o.incident_id = i.id AND o.state = 'OPEN') AS open_hops,
                   lc.code, lc.report, lc.due_at,
                   CASE WHEN i.state = 'CLOSED' THEN 'CLOSED'
                        WHEN i.state = 'UNDER_CISO_REVIEW' THEN 'CISO_REVIEW'
                        ELSE coalesce((SELECT CASE max(CASE r.kind WHEN 'RECURRENCE_PREVENTION' THEN 3
                                                                 WHEN 'RECOVERY' THEN 2 ELSE 1 END)
                                                  WHEN 3 THEN 'RECURRENCE_PREVENTION' WHEN 2 THEN 'RECOVERY'
                                                  ELSE 'CONTAINMENT' END
                                         FROM response_action r
                                        WHERE r.incident_id = i.id AND r.status <> 'CANCELLED'
                                       HAVING count(*) > 0), 'NONE') END AS phase
            """;

    static final String LOOKUPS = """
             LEFT JOIN LATERAL (SELECT h.step, h.recipient_username, h.recipient_name, h.ack_deadline
                                  FROM chain_hop h WHERE h.incident_id = i.id AND h.state = 'OPEN'
                                 ORDER BY h.ack_deadline, h.opened_at LIMIT 1) cp ON true
             LEFT JOIN LATERAL (SELECT c.code, c.report, c.due_at FROM legal_clock c WHERE c.incident_id = i.id
                                 ORDER BY c.due_at, c.code, c.report LIMIT 1) lc ON true
            """;

    /**
     * The cases with an open hop, each once with its soonest open hop {@code nd} (sort=deadline): walked in deadline
     * order along {@code chain_hop_open_deadline_idx}, so a page reads only its own rows.
     */
    static final String WITH_OPEN_HOP = "chain_hop nd JOIN incident i ON i.id = nd.incident_id";

    static final String SOONEST_OPEN_HOP = "nd.state = 'OPEN' AND NOT EXISTS (SELECT 1 FROM chain_hop e "
            + "WHERE e.incident_id = nd.incident_id AND e.state = 'OPEN' AND (e.ack_deadline < nd.ack_deadline "
            + "OR (e.ack_deadline = nd.ack_deadline AND e.hop_id < nd.hop_id)))";

    static final String NO_OPEN_HOP =
            "NOT EXISTS (SELECT 1 FROM chain_hop h WHERE h.incident_id = i.id " + "AND h.state = 'OPEN')";

    static final String NEWEST_FIRST = "i.reported_at DESC, i.number DESC";
    static final String MOST_SEVERE_FIRST =
            "severity_rank(" + CaseCriteria.severitySql("i") + ") DESC, " + NEWEST_FIRST;
    static final String SOONEST_DEADLINE_FIRST = "nd.ack_deadline, " + NEWEST_FIRST;

    private final Replica replica;
    private final JapanTime clock;

    public DashboardService(Replica replica, JapanTime clock) {
        this.clock = clock;
        this.replica = replica;
    }

    public DashboardPage cases(Caller caller, DashboardQuery query) {
        OffsetDateTime now = clock.now();
        return replica.read(db -> cases(db, caller, query, now));
    }

    private static DashboardPage cases(SqlReads db, Caller caller, DashboardQuery query, OffsetDateTime now) {
        CaseCriteria.Where where = CaseCriteria.of(caller, query.filters(), "i", CaseCriteria.Language.SQL);
        String condition = where.condition() + " AND " + drillCondition(query.drills());
        long total;
        long drills;
        boolean totalIsLowerBound = false;
        if (query.filters().text() != null && !query.filters().text().isEmpty()) {
            // A text search reads its matches once, counting both figures, and at most one more than
            // TEXT_MATCHES_COUNTED of them (a common word matches tens of thousands of cases).
            Object[] counts = db.rows(
                            "SELECT count(*) FILTER (WHERE " + drillCondition(query.drills())
                                    + "), count(*) FILTER (WHERE i.drill), count(*) FROM (SELECT i.drill FROM incident i "
                                    + "WHERE " + where.condition() + " LIMIT "
                                    + (IncidentSearchService.TEXT_MATCHES_COUNTED + 1) + ") i",
                            where.params())
                    .get(0);
            total = ((Number) counts[0]).longValue();
            drills = ((Number) counts[1]).longValue();
            totalIsLowerBound = ((Number) counts[2]).longValue() > IncidentSearchService.TEXT_MATCHES_COUNTED;
            if (totalIsLowerBound) {
                total = Math.min(total, IncidentSearchService.TEXT_MATCHES_COUNTED);
            }
        } else {
            total = count(db, "incident i", condition, where.params());
            drills = query.drills() == DashboardQuery.Drills.ONLY
                    ? total
                    : count(
                            db,
                            "incident i",
                            where.condition() + " AND " + drillCondition(DashboardQuery.Drills.ONLY),
                            where.params());
        }
        int offset = query.page() * query.size();
        List<Object[]> rows;
        if (query.sort() == DashboardQuery.Sort.DEADLINE) {
            // Cases with an open hop by their soonest deadline, then the others newest first: two index-backed
            // parts instead of one sort over every case.
            String openHop = SOONEST_OPEN_HOP + " AND " + condition;
            long withOpenHop = count(db, WITH_OPEN_HOP, openHop, where.params());
            rows = new ArrayList<>();
            if (offset < withOpenHop) {
                rows.addAll(
                        page(db, WITH_OPEN_HOP, openHop, SOONEST_DEADLINE_FIRST, where.params(), offset, query.size()));
            }
            int rest = query.size() - rows.size();
            if (rest > 0) {
                rows.addAll(page(
                        db,
                        "incident i",
                        condition + " AND " + NO_OPEN_HOP,
                        NEWEST_FIRST,
                        where.params(),
                        (int) Math.max(0, offset - withOpenHop),
                        rest));
            }
        } else {
            String order = query.sort() == DashboardQuery.Sort.SEVERITY ? MOST_SEVERE_FIRST : NEWEST_FIRST;
            rows = page(db, "incident i", condition, order, where.params(), offset, query.size());
        }
        return new DashboardPage(rows.stream().map(r -> row(r, now)).toList(), total, drills, totalIsLowerBound);
    }

    /** The SQL of one dashboard page (also what {@code QueryPlanTest} explains). */
    public static String pageSql(String from, String condition, String order) {
        return COLUMNS.formatted(CaseCriteria.severitySql("i")) + " FROM " + from + LOOKUPS + " WHERE " + condition
                + " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
    }

    /** The scoped condition and parameters of a default dashboard page for this caller (for plan checks). */
    public static CaseCriteria.Where defaultPage(Caller caller) {
        DashboardQuery q = new DashboardQuery(
                List.of(), List.of(), null, DashboardQuery.Drills.EXCLUDE, DashboardQuery.Sort.REPORTED_AT, 0, 20);
        CaseCriteria.Where where = CaseCriteria.of(caller, q.filters(), "i", CaseCriteria.Language.SQL);
        return new CaseCriteria.Where(where.condition() + " AND " + drillCondition(q.drills()), where.params());
    }

    static String drillCondition(DashboardQuery.Drills drills) {
        // Literal, not a parameter: the planner then matches the partial indexes on drill.
        return switch (drills) {
            case EXCLUDE -> "NOT i.drill";
            case ONLY -> "i.drill";
            case INCLUDE -> "TRUE";
        };
    }

    private static List<Object[]> page(
            SqlReads db,
            String from,
            String condition,
            String order,
            Map<String, Object> params,
            int offset,
            int limit) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("limit", limit);
        all.put("offset", offset);
        return db.rows(pageSql(from, condition, order), all);
    }

    private static long count(SqlReads db, String from, String condition, Map<String, Object> params) {
        return db.count("SELECT count(*) FROM " + from + " WHERE " + condition, params);
    }

    private static DashboardPage.Row row(Object[] r, OffsetDateTime now) {
        OffsetDateTime ackDeadline = JapanTime.of(r[11]);
        DashboardPage.ChainPosition position = r[8] == null
                ? null
                : new DashboardPage.ChainPosition(
                        (String) r[8],
                        new HopView.Recipient((String) r[9], (String) r[10]),
                        ackDeadline,
                        ackDeadline.isBefore(now));
        OffsetDateTime dueAt = JapanTime.of(r[15]);
        DashboardPage.LegalDeadline legal = r[13] == null
                ? null
                : new DashboardPage.LegalDeadline((String) r[13], (String) r[14], dueAt, dueAt.isBefore(now));
        return new DashboardPage.Row(
                (UUID) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                Severity.valueOf((String) r[4]),
                IncidentState.valueOf((String) r[5]),
                (Boolean) r[6],
                JapanTime.of(r[7]),
                position,
                ((Number) r[12]).longValue(),
                legal,
                DashboardPage.ResponsePhase.valueOf((String) r[16]));
    }
}
