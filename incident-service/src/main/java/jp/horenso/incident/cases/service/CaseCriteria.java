package jp.horenso.incident.cases.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.platform.security.Caller;

/**
 * The one definition of which cases a caller may list and which a query selects, written as a condition in JPQL
 * (the case list) or in SQL (the dashboard's and the KPIs' aggregates). It matches {@link IncidentAccessPolicy}
 * exactly, so a list or a figure never counts a case its detail view would refuse.
 */
public final class CaseCriteria {

    /** The query language the condition is written in. */
    public enum Language {
        /** Properties of the {@link Incident} entity, e.g. {@code i.reportedBy}. */
        JPQL,
        /** Columns of the {@code incident} table, e.g. {@code i.reported_by}; enums as their names. */
        SQL
    }

    /** A condition on the case alias and its named parameters. */
    public record Where(String condition, Map<String, Object> params) {}

    private final Language language;
    private final String alias;
    private final List<String> and = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    private CaseCriteria(Language language, String alias) {
        this.language = language;
        this.alias = alias;
    }

    /**
     * The caller's scope and the query's filters on the case table aliased {@code alias}.
     *
     * @param alias the alias of the case entity or table in the statement, e.g. {@code i}
     */
    public static Where of(Caller caller, IncidentQuery query, String alias, Language language) {
        CaseCriteria c = new CaseCriteria(language, alias);
        c.scope(caller);
        c.filters(query);
        return new Where(c.and.isEmpty() ? "TRUE" : String.join(" AND ", c.and), c.params);
    }

    /** The SQL expression of the severity in force (the CSIRT's override, else the computed one). */
    public static String severitySql(String alias) {
        return "coalesce(" + alias + ".severity_override, " + alias + ".computed_severity)";
    }

    private void scope(Caller caller) {
        // Organisation is a hard boundary: every query names the caller's (a caller without one never gets here).
        and.add(col("organisation") + " = :organisation");
        params.put("organisation", caller.organisationRef().code());
        if (!Roles.seesWholeOrganisation(caller)) {
            List<String> or = new ArrayList<>();
            or.add(col("reportedBy") + " = :me");
            params.put("me", caller.username());
            if (caller.hasRole(Roles.SECTION_CHIEF) && caller.unit() != null) {
                or.add(col("unit") + " = :myUnit");
                params.put("myUnit", caller.unit());
            }
            if (caller.hasRole(Roles.DEPARTMENT_HEAD) && caller.department() != null) {
                or.add(col("department") + " = :myDepartment");
                params.put("myDepartment", caller.department());
            }
            if (caller.hasRole(Roles.COMMITTEE)) {
                or.add(col("committeeReportedAt") + " IS NOT NULL");
            }
            and.add("(" + String.join(" OR ", or) + ")");
        }
    }

    private void filters(IncidentQuery q) {
        if (q.states() != null && !q.states().isEmpty()) {
            and.add(col("state") + " IN (:states)");
            params.put("states", values(q.states()));
        }
        if (q.severities() != null && !q.severities().isEmpty()) {
            and.add((language == Language.SQL
                            ? severitySql(alias)
                            : "coalesce(" + alias + ".severityOverride, " + alias + ".computedSeverity)")
                    + " IN (:severities)");
            params.put("severities", values(q.severities()));
        }
        if (q.kinds() != null && !q.kinds().isEmpty()) {
            and.add(col("kind") + " IN (:kinds)");
            params.put("kinds", values(q.kinds()));
        }
        if (q.unit() != null) {
            and.add(col("unit") + " = :unit");
            params.put("unit", q.unit());
        }
        if (q.from() != null) {
            and.add(col("reportedAt") + " >= :from");
            params.put("from", q.from());
        }
        if (q.to() != null) {
            and.add(col("reportedAt") + " < :to");
            params.put("to", q.to());
        }
        if (q.legalDueBefore() != null) {
            String duty = language == Language.SQL
                    ? "FROM legal_duty d WHERE d.incident_id = " + alias + ".id "
                            + "AND d.withdrawn_at IS NULL AND d.final_submitted_at IS NULL AND ((d.prompt_submitted_at IS NULL "
                            + "AND d.prompt_due_at < :due) OR d.final_due_at < :due)"
                    : "FROM LegalDuty d WHERE d.key.incidentId = " + alias + ".id AND d.withdrawnAt IS NULL "
                            + "AND d.finalSubmittedAt IS NULL AND ((d.promptSubmittedAt IS NULL AND d.promptDueAt < :due) "
                            + "OR d.finalDueAt < :due)";
            and.add("EXISTS (SELECT 1 " + duty + ")");
            params.put("due", q.legalDueBefore());
        }
        if (q.text() != null) {
            for (int n = 0; n < q.text().size(); n++) {
                and.add(col("searchText") + " LIKE :text" + n + " ESCAPE '\\'");
                params.put(
                        "text" + n,
                        "%" + escapeLike(Incident.normaliseForSearch(q.text().get(n))) + "%");
            }
        }
        if (q.drill() != null) {
            and.add(col("drill") + " = :drill");
            params.put("drill", q.drill());
        }
    }

    /** The property in JPQL, its column (snake case) in SQL. */
    private String col(String property) {
        return alias + "."
                + (language == Language.JPQL
                        ? property
                        : property.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
    }

    private List<?> values(List<? extends Enum<?>> constants) {
        return language == Language.JPQL
                ? constants
                : constants.stream().map(Enum::name).toList();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
