package jp.horenso.incident.dashboard.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.rest.IncidentQueryParams;
import jp.horenso.incident.dashboard.service.DashboardQuery;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;

/** The dashboard's query parameters, read leniently and checked all at once (400 naming every bad one). */
public class DashboardQueryParams {

    /** Comma-separated severities, e.g. {@code CRITICAL,HIGH}. */
    @QueryParam("severity")
    String severity;

    /** Comma-separated case states, e.g. {@code REPORTED,RETURNED_BY_CISO}; absent: every state. */
    @QueryParam("status")
    String status;

    /** Words that must all appear in title or description (full-width and half-width alike). */
    @QueryParam("q")
    String q;

    /** {@code exclude} (default), {@code only} or {@code include}. */
    @QueryParam("drill")
    @DefaultValue("exclude")
    String drill;

    /** {@code reportedAt} (default, newest first), {@code severity} or {@code deadline}. */
    @QueryParam("sort")
    @DefaultValue("reportedAt")
    String sort;

    @QueryParam("page")
    @DefaultValue("0")
    String page;

    @QueryParam("size")
    @DefaultValue("20")
    String size;

    public DashboardQuery toQuery() {
        List<FieldProblem> invalid = new ArrayList<>();
        List<Severity> severities =
                IncidentQueryParams.list("severity", severity, Severity::valueOf, Severity.values(), invalid);
        List<IncidentState> states =
                IncidentQueryParams.list("status", status, IncidentState::valueOf, IncidentState.values(), invalid);
        List<String> words = IncidentQueryParams.words(q, invalid);
        DashboardQuery.Drills drills = switch (drill.strip()) {
            case "exclude" -> DashboardQuery.Drills.EXCLUDE;
            case "only" -> DashboardQuery.Drills.ONLY;
            case "include" -> DashboardQuery.Drills.INCLUDE;
            default -> {
                invalid.add(FieldProblem.of("drill", "field.enum", "exclude, only, include"));
                yield null;
            }
        };
        DashboardQuery.Sort order = switch (sort.strip()) {
            case "reportedAt" -> DashboardQuery.Sort.REPORTED_AT;
            case "severity" -> DashboardQuery.Sort.SEVERITY;
            case "deadline" -> DashboardQuery.Sort.DEADLINE;
            default -> {
                invalid.add(FieldProblem.of("sort", "field.enum", "reportedAt, severity, deadline"));
                yield null;
            }
        };
        int pageNumber = IncidentQueryParams.integer("page", page, 0, 100_000, invalid);
        int pageSize = IncidentQueryParams.integer("size", size, 1, 100, invalid);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
        return new DashboardQuery(severities, states, words, drills, order, pageNumber, pageSize);
    }
}
