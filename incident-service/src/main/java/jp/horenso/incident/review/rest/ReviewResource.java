package jp.horenso.incident.review.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.review.service.CaseClosingService;
import jp.horenso.incident.review.service.CommitteeReportService;
import jp.horenso.incident.review.service.RecordCommitteeReport;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The committee report (第44条6項), closing the case, and where the review stands. */
@Path("/api/incidents/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final CommitteeReportService committee;
    private final CaseClosingService closing;
    private final OrganisationCaller caller;

    public ReviewResource(CommitteeReportService committee, CaseClosingService closing, OrganisationCaller caller) {
        this.committee = committee;
        this.closing = closing;
        this.caller = caller;
    }

    @GET
    @Path("/review")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR, Roles.COMMITTEE})
    @Operation(
            summary = "Where the CISO's review stands and what closing still needs",
            description = "CSIRT, security lead, CISO, auditor; the committee for cases reported to it.")
    public ReviewStatusView status(@PathParam("id") UUID id) {
        return closing.status(caller.current(), id);
    }

    @POST
    @Path("/committee-report")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CISO)
    @Operation(
            summary = "Record the report to the information-security committee (第44条6項) — CISO",
            description = "Once, after the CSIRT reported to the CISO. Marks the case severe; the committee then "
                    + "sees the case.")
    public ReviewStatusView committeeReport(@PathParam("id") UUID id, @NotNull @Valid CommitteeReportRequest request) {
        committee.recordCommitteeReport(caller.current(), id, command(request));
        return closing.status(caller.current(), id);
    }

    @POST
    @Path("/close")
    @RolesAllowed({Roles.CSIRT, Roles.CISO})
    @Operation(
            summary = "Close the case — CSIRT or CISO",
            description = "Only after the CISO accepted the recurrence prevention and, for a case the CISO judged "
                    + "severe, the committee report is recorded; otherwise 409 saying what is missing.")
    public ReviewStatusView close(@PathParam("id") UUID id) {
        closing.close(caller.current(), id);
        return closing.status(caller.current(), id);
    }

    private static RecordCommitteeReport command(CommitteeReportRequest r) {
        return new RecordCommitteeReport(r.reportedAt(), r.reference());
    }
}
