package jp.horenso.incident.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import jp.horenso.incident.cases.service.CaseDecisionService;
import jp.horenso.incident.cases.service.ChangeUnit;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.cases.service.MarkDrill;
import jp.horenso.incident.cases.service.WithdrawCase;
import jp.horenso.incident.common.http.ETags;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Decisions about a whole case over HTTP: its section, its withdrawal, its drill mark. Each answers with the case. */
@Path("/api/incidents/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseDecisionResource {

    private final CaseDecisionService decisions;
    private final IncidentService incidents;
    private final OrganisationCaller caller;

    public CaseDecisionResource(CaseDecisionService decisions, IncidentService incidents, OrganisationCaller caller) {
        this.decisions = decisions;
        this.incidents = incidents;
        this.caller = caller;
    }

    @POST
    @Path("/unit")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Move the case to the section it concerns (第44条2項)",
            description = "CSIRT and security lead. {unit, reason}: a section of the directory (400 naming unit "
                    + "otherwise); the chain and who may see the case follow the new unit. 409 for a closed or "
                    + "withdrawn case or the unit it already has.")
    public Response changeUnit(@PathParam("id") UUID id, @NotNull @Valid UnitChangeRequest request) {
        decisions.changeUnit(caller.current(), id, command(request));
        return show(id);
    }

    @POST
    @Path("/withdrawal")
    @RolesAllowed(Roles.CSIRT)
    @Operation(
            summary = "Withdraw a report filed by mistake",
            description = "CSIRT only. {reason}. State WITHDRAWN: the chain stops and the record refuses changes like "
                    + "a closed case (409).")
    public Response withdraw(@PathParam("id") UUID id, @NotNull @Valid WithdrawalRequest request) {
        decisions.withdraw(caller.current(), id, command(request));
        return show(id);
    }

    @POST
    @Path("/drill-marking")
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Mark the case as a drill, or correct it to not a drill (第48条)",
            description = "{drill, reason}. CSIRT and security lead may mark a drill; only the CSIRT may correct to "
                    + "drill=false (403 otherwise). 409 when the mark is already so or the case is closed or "
                    + "withdrawn.")
    public Response markDrill(@PathParam("id") UUID id, @NotNull @Valid DrillMarkingRequest request) {
        decisions.markDrill(caller.current(), id, command(request));
        return show(id);
    }

    private Response show(UUID id) {
        var view = incidents.show(caller.current(), id);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    private static ChangeUnit command(UnitChangeRequest r) {
        return new ChangeUnit(r.unit(), r.reason());
    }

    private static WithdrawCase command(WithdrawalRequest r) {
        return new WithdrawCase(r.reason());
    }

    private static MarkDrill command(DrillMarkingRequest r) {
        return new MarkDrill(r.drill(), r.reason());
    }
}
