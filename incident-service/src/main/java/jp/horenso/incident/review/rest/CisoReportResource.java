package jp.horenso.incident.review.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.review.CisoReport;
import jp.horenso.incident.review.service.CisoDecisionService;
import jp.horenso.incident.review.service.CisoReportService;
import jp.horenso.incident.review.service.DecideReview;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The CSIRT's reports to the CISO (第44条4項) and the CISO's decisions on them (第44条5項). */
@Path("/api/incidents/{id}/ciso-reports")
@Produces(MediaType.APPLICATION_JSON)
public class CisoReportResource {

    private final CisoReportService reports;
    private final CisoDecisionService decisions;
    private final OrganisationCaller caller;

    public CisoReportResource(CisoReportService reports, CisoDecisionService decisions, OrganisationCaller caller) {
        this.reports = reports;
        this.decisions = decisions;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CSIRT)
    @Operation(
            summary = "Report the case to the CISO (第44条4項) — CSIRT",
            description = "Freezes a snapshot of the whole record (case record, severity with reasons, legal duties, "
                    + "response actions with their authors) with its SHA-256 as version 1, 2, …; the case goes to "
                    + "UNDER_CISO_REVIEW. The body with a cover note (summary) is optional.")
    public Response submit(@PathParam("id") UUID id, @Valid CisoReportRequest request, UriInfo uri) {
        CisoReport report = reports.submit(caller.current(), id, request == null ? null : request.summary());
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Integer.toString(report.version()))
                        .build())
                .entity(reports.show(caller.current(), id, report.version()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR, Roles.COMMITTEE})
    @Operation(
            summary = "The case's reports to the CISO, without their snapshots",
            description = "CSIRT, security lead, CISO, auditor; the committee for cases reported to it.")
    public List<CisoReportView> list(@PathParam("id") UUID id) {
        return reports.list(caller.current(), id);
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR, Roles.COMMITTEE})
    @Operation(
            summary = "One report to the CISO with its frozen snapshot",
            description = "CSIRT, security lead, CISO, auditor; the committee for cases reported to it.")
    public CisoReportView show(@PathParam("id") UUID id, @PathParam("version") @Min(1) @Max(100_000) int version) {
        return reports.show(caller.current(), id, version);
    }

    @GET
    @Path("/{version}/snapshot")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR, Roles.COMMITTEE})
    @Operation(
            summary = "The snapshot exactly as stored, so anyone can check its SHA-256",
            description = "The bytes whose SHA-256 the report names; also sent as the Repr-Digest header.")
    public Response snapshot(@PathParam("id") UUID id, @PathParam("version") @Min(1) @Max(100_000) int version) {
        CisoReport report = reports.raw(caller.current(), id, version);
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(report.sha256()));
        return Response.ok(
                        report.snapshot().getBytes(StandardCharsets.UTF_8),
                        MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .build();
    }

    @POST
    @Path("/{version}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CISO)
    @Operation(
            summary = "Accept the report or return it with instructions (第44条5項) — CISO",
            description = "Only the latest report, once. RETURN needs instructions. Whoever wrote a "
                    + "recurrence-prevention measure of the report, or submitted it, cannot accept it (第14条): 403. "
                    + "severe=true marks the case severe (第44条6項): it then closes only after the committee report.")
    public CisoReportView decide(
            @PathParam("id") UUID id,
            @PathParam("version") @Min(1) @Max(100_000) int version,
            @NotNull @Valid CisoDecisionRequest request) {
        decisions.decide(caller.current(), id, version, command(request));
        return reports.show(caller.current(), id, version);
    }

    private static DecideReview command(CisoDecisionRequest r) {
        return new DecideReview(r.decision(), r.instructions(), r.severe());
    }
}
