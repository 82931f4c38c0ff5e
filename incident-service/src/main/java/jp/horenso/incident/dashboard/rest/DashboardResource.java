package jp.horenso.incident.dashboard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import jp.horenso.incident.cases.rest.IncidentQueryParams;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.dashboard.service.AwaitingService;
import jp.horenso.incident.dashboard.service.DashboardService;
import jp.horenso.incident.dashboard.service.KpiService;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the web console's CSIRT dashboard, inbox and KPI pages read. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private final DashboardService dashboard;
    private final AwaitingService awaiting;
    private final KpiService kpis;
    private final OrganisationCaller caller;

    public DashboardResource(
            DashboardService dashboard, AwaitingService awaiting, KpiService kpis, OrganisationCaller caller) {
        this.dashboard = dashboard;
        this.awaiting = awaiting;
        this.kpis = kpis;
        this.caller = caller;
    }

    @GET
    @Path("/dashboard/cases")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR})
    @Operation(
            summary = "The CSIRT dashboard: cases with chain position, next legal deadline and response phase",
            description = "csirt, security-lead, ciso, vice-ciso, auditor, each within the case list's scope. Filters: "
                    + "severity, status (comma separated), q (Japanese search), drill=exclude|only|include (default "
                    + "exclude; drills counts the drill cases apart), sort=reportedAt|severity|deadline, page, size "
                    + "(1-100). Times in Japan time. With q at most 1,001 matches are counted: totalIsLowerBound is then "
                    + "true and total (at most 1,000) and drills are lower bounds.")
    public DashboardPage cases(@BeanParam DashboardQueryParams params) {
        return dashboard.cases(caller.current(), params.toQuery());
    }

    @GET
    @Path("/me/awaiting")
    // "**": any signed-in person, whatever their roles.
    @RolesAllowed("**")
    @Operation(
            summary = "What awaits me: hops addressed to the caller that nobody acknowledged yet",
            description = "Any signed-in person. Deputies' hops are addressed to the deputy. Soonest deadline first; "
                    + "number, title, severity and drill of the case come along even when the caller may not open it.")
    public List<AwaitingHop> awaiting() {
        return awaiting.of(caller.current());
    }

    @GET
    @Path("/kpis")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR})
    @Operation(
            summary = "Time to acknowledge per step, to contain and to close by month; open, overdue",
            description = "csirt, security-lead, ciso, vice-ciso, auditor, within the case list's scope; drills never "
                    + "counted. months: 1-36 (default 12), cut in Japan time; median and 90th percentile in seconds.")
    public KpiReport kpis(@QueryParam("months") @DefaultValue("12") String months) {
        List<FieldProblem> invalid = new ArrayList<>();
        int n = IncidentQueryParams.integer("months", months, 1, 36, invalid);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalidFields(invalid);
        }
        return kpis.report(caller.current(), n);
    }
}
