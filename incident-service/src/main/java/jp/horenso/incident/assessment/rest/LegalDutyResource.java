package jp.horenso.incident.assessment.rest;

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
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import jp.horenso.incident.assessment.service.LegalDutyService;
import jp.horenso.incident.assessment.service.SubmitLegalReport;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Legal reporting duties of a case (regulatory.md R1, R2): submissions and the commission report draft. */
@Path("/api/incidents/{id}/legal-duties/{code}")
@Produces(MediaType.APPLICATION_JSON)
public class LegalDutyResource {

    private final LegalDutyService legal;
    private final OrganisationCaller caller;

    public LegalDutyResource(LegalDutyService legal, OrganisationCaller caller) {
        this.legal = legal;
        this.caller = caller;
    }

    @POST
    @Path("/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Record that the prompt or final report was submitted",
            description = "CSIRT and security lead. The final report stops the legal clock.")
    public Response submit(
            @PathParam("id") UUID id,
            @PathParam("code") String code,
            @NotNull @Valid LegalReportSubmissionRequest request) {
        legal.recordSubmission(caller.current(), id, code, command(request));
        return Response.noContent().build();
    }

    @GET
    @Path("/commission-report-draft")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR})
    @Operation(summary = "Draft of the report to the Personal Information Protection Commission (9 items)")
    public CommissionReportDraft draft(@PathParam("id") UUID id, @PathParam("code") String code) {
        return legal.draft(caller.current(), id, code);
    }

    private static SubmitLegalReport command(LegalReportSubmissionRequest r) {
        return new SubmitLegalReport(r.report(), r.submittedAt(), r.reference());
    }
}
