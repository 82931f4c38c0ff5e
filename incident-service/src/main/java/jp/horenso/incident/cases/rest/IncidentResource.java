package jp.horenso.incident.cases.rest;

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
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.service.IncidentService;
import jp.horenso.incident.common.security.CurrentCaller;
import jp.horenso.incident.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reports and cases over HTTP. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentService incidents;
    private final CurrentCaller caller;

    public IncidentResource(IncidentService incidents, CurrentCaller caller) {
        this.incidents = incidents;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT,
        Roles.CISO})
    @Operation(summary = "Report a security incident (第43条1項)",
            description = "Anyone but an auditor may report. The case belongs to the reporter's unit.")
    public Response report(@NotNull @Valid IncidentReportRequest request, UriInfo uri) {
        Incident incident = incidents.report(caller.get(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(incident.id.toString()).build())
                .entity(incidents.show(caller.get(), incident.id)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.STAFF, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT,
        Roles.CISO, Roles.AUDITOR})
    @Operation(summary = "A case with its timeline",
            description = "Staff see their own reports, section chiefs their section's, department heads their "
                    + "department's; security lead, CSIRT, CISO and auditors see all. Others get 404.")
    public IncidentView show(@PathParam("id") UUID id) {
        return incidents.show(caller.get(), id);
    }
}
