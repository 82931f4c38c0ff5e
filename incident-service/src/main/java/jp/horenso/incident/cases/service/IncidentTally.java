package jp.horenso.incident.cases.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.common.db.SqlReads;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.platform.security.Caller;

/**
 * The statistics of an organisation's real cases read from counts kept up to date (V17 {@code incident_tally}: by
 * unit, department, severity in force, state and kind), instead of counting hundreds of thousands of cases at each
 * request. A trigger on the cases adds each change to {@code incident_tally_change} in the change's own transaction;
 * {@link #fold()} moves those changes into the tally every few seconds; a reader sums both in one statement.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentTally {

    private final EntityManager em;

    public IncidentTally(EntityManager em) {
        this.em = em;
    }

    /**
     * Whether the tally can answer this request: whole organisation, section or department (plus own reports,
     * counted from the cases) and filters on state, severity, kind and unit only. Time ranges, text, legal clocks
     * and the committee's scope are counted from the cases.
     */
    public static boolean answers(Caller caller, IncidentQuery q) {
        boolean filtersTallied = (q.text() == null || q.text().isEmpty())
                && q.from() == null
                && q.to() == null
                && q.legalDueBefore() == null;
        return filtersTallied && (Roles.seesWholeOrganisation(caller) || !caller.hasRole(Roles.COMMITTEE));
    }

    /**
     * Rows of (severity, state, kind, count) over the caller's scope without drills, groups with no case left out:
     * the same as grouping the cases themselves. Read through {@code db} (the replica, for the dashboard's figures):
     * tally and changes in one statement, so one snapshot.
     */
    public List<Object[]> counts(SqlReads db, Caller caller, IncidentQuery q) {
        Map<String, Object> params = new HashMap<>();
        List<String> and = new ArrayList<>();
        and.add("t.organisation = :organisation");
        params.put("organisation", caller.organisationRef().code());
        List<String> tallied = new ArrayList<>();
        boolean whole = Roles.seesWholeOrganisation(caller);
        if (!whole) {
            if (caller.hasRole(Roles.SECTION_CHIEF) && caller.unit() != null) {
                tallied.add("t.unit = :myUnit");
                params.put("myUnit", caller.unit());
            }
            if (caller.hasRole(Roles.DEPARTMENT_HEAD) && caller.department() != null) {
                tallied.add("t.department = :myDepartment");
                params.put("myDepartment", caller.department());
            }
            if (!tallied.isEmpty()) {
                and.add("(" + String.join(" OR ", tallied) + ")");
            }
        }
        if (q.states() != null && !q.states().isEmpty()) {
            and.add("t.state IN (:states)");
            params.put("states", q.states().stream().map(Enum::name).toList());
        }
        if (q.severities() != null && !q.severities().isEmpty()) {
            and.add("t.severity IN (:severities)");
            params.put("severities", q.severities().stream().map(Enum::name).toList());
        }
        if (q.kinds() != null && !q.kinds().isEmpty()) {
            and.add("t.kind IN (:kinds)");
            params.put("kinds", q.kinds().stream().map(Enum::name).toList());
        }
        if (q.unit() != null) {
            and.add("t.unit = :unit");
            params.put("unit", q.unit());
        }
        String condition = String.join(" AND ", and);
        List<String> parts = new ArrayList<>();
        if (whole || !tallied.isEmpty()) {
            parts.add("SELECT t.severity, t.state, t.kind, t.cases AS n FROM incident_tally t WHERE " + condition);
            parts.add("SELECT t.severity, t.state, t.kind, t.cases FROM incident_tally_change t WHERE " + condition);
        }
        if (!whole) {
            // The caller's own reports outside the section or department: few, counted from the cases
            // (incident_own_reports_idx).
            CaseCriteria.Where own = CaseCriteria.of(caller, q.withoutDrills(), "i", CaseCriteria.Language.SQL);
            String notTallied = tallied.isEmpty()
                    ? ""
                    : " AND NOT ("
                            + String.join(" OR ", tallied)
                                    .replace("t.unit", "i.unit")
                                    .replace("t.department", "coalesce(i.department, '')")
                            + ")";
            parts.add("SELECT " + CaseCriteria.severitySql("i") + ", i.state, i.kind, count(*) FROM incident i WHERE "
                    + own.condition() + " AND i.reported_by = :me" + notTallied + " GROUP BY 1, 2, 3");
            params.putAll(own.params());
        }
        return db.rows(
                "SELECT severity, state, kind, sum(n) FROM (" + String.join(" UNION ALL ", parts)
                        + ") x (severity, state, kind, n) GROUP BY severity, state, kind HAVING sum(n) <> 0",
                params);
    }

    @Scheduled(identity = "incident-tally-fold", every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        fold();
    }

    /**
     * Moves the changes written since the last fold into the tally, in one statement: a reader sees a change either
     * in {@code incident_tally_change} or in {@code incident_tally}, never in both or neither. Two folds at once are
     * safe: a change row deleted by one is skipped by the other.
     *
     * @return how many changes were folded
     */
    @Transactional
    public int fold() {
        return ((Number) em.createNativeQuery("""
                        WITH moved AS (
                            DELETE FROM incident_tally_change
                            RETURNING organisation, unit, department, severity, state, kind, cases),
                        summed AS (
                            INSERT INTO incident_tally AS t (organisation, unit, department, severity, state, kind, cases)
                            SELECT organisation, unit, department, severity, state, kind, sum(cases)
                              FROM moved GROUP BY organisation, unit, department, severity, state, kind
                            ON CONFLICT (organisation, unit, department, severity, state, kind)
                            DO UPDATE SET cases = t.cases + excluded.cases
                            RETURNING 1)
                        SELECT count(*) FROM moved""").getSingleResult()).intValue();
    }
}
