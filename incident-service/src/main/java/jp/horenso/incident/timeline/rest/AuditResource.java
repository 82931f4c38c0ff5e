package jp.horenso.incident.timeline.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.timeline.service.AuditService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A case's audit trail: proof that it is intact, and exports for auditors. */
@Path("/api/incidents/{id}/audit")
@RolesAllowed({Roles.AUDITOR, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO, Roles.VICE_CISO})
public class AuditResource {

    private final AuditService audit;
    private final OrganisationCaller caller;

    public AuditResource(AuditService audit, OrganisationCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Verify the case's hash chain (第117–119条)",
            description = "Recomputes every entry's hash and holds the chain against the case's trail head and its "
                    + "latest seal; `intact` is false, `brokenAtSeq` names the first bad or missing entry and "
                    + "`findings` say what (Japanese, English) when a row was changed, the last entries deleted or "
                    + "entries and head rewritten after the seal. Auditor, security lead, CSIRT, CISO.")
    public AuditService.Verification verify(@PathParam("id") UUID id) {
        return audit.verify(caller.current(), id);
    }

    @GET
    @Path("/export.jsonl")
    @Produces("application/x-ndjson")
    @Operation(summary = "The audit trail as JSON Lines")
    public Response jsonLines(@PathParam("id") UUID id) {
        return Response.ok(audit.exportJsonLines(caller.current(), id))
                .header("Content-Disposition", "attachment; filename=\"audit-" + id + ".jsonl\"")
                .build();
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv; charset=utf-8")
    @Operation(summary = "The audit trail as CSV")
    public Response csv(@PathParam("id") UUID id) {
        return Response.ok(audit.exportCsv(caller.current(), id))
                .header("Content-Disposition", "attachment; filename=\"audit-" + id + ".csv\"")
                .build();
    }
}
