package jp.horenso.incident.response.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.common.http.ETags;
import jp.horenso.incident.common.http.QueryEnums;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.response.ResponseAction;
import jp.horenso.incident.response.service.RecordResponseAction;
import jp.horenso.incident.response.service.ResponseActionService;
import jp.horenso.incident.response.service.UpdateResponseAction;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Containment, recovery and recurrence-prevention actions of a case (第44条3–4項) over HTTP. */
@Path("/api/incidents/{id}/responses")
@Produces(MediaType.APPLICATION_JSON)
public class ResponseActionResource {

    private final ResponseActionService actions;
    private final OrganisationCaller caller;

    public ResponseActionResource(ResponseActionService actions, OrganisationCaller caller) {
        this.actions = actions;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({
        Roles.STAFF,
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO,
        Roles.AUDITOR,
        Roles.COMMITTEE
    })
    @Operation(
            summary = "The response actions of a case (応急措置・復旧・再発防止策)",
            description = "Everyone who may see the case (others get 404). Optional filters: kind, status.")
    public List<ResponseActionView> list(
            @PathParam("id") UUID id, @QueryParam("kind") String kind, @QueryParam("status") String status) {
        return actions.list(
                caller.current(),
                id,
                QueryEnums.parse("kind", kind, ResponseAction.Kind.class),
                QueryEnums.parse("status", status, ResponseAction.Status.class));
    }

    @GET
    @Path("/{actionId}")
    @RolesAllowed({
        Roles.STAFF,
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO,
        Roles.AUDITOR,
        Roles.COMMITTEE
    })
    @Operation(
            summary = "One response action, with its ETag for an update",
            description = "Everyone who may see the case (others get 404).")
    public Response show(@PathParam("id") UUID id, @PathParam("actionId") UUID actionId) {
        ResponseActionView view = actions.show(caller.current(), id, actionId);
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD})
    @Operation(
            summary = "Record a response action (第44条3–4項)",
            description = "CSIRT and security lead: every kind. Section chief and department head of the case's own "
                    + "unit: CONTAINMENT and RECOVERY, which their unit carries out (第44条3項); 403 otherwise. "
                    + "Exactly one of ownerUnit and ownerPerson. 409 on a closed case.")
    public Response record(@PathParam("id") UUID id, @NotNull @Valid ResponseActionRequest request, UriInfo uri) {
        ResponseActionView view = actions.record(caller.current(), id, command(request));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .tag(ETags.of(view.version()))
                .entity(view)
                .build();
    }

    @PUT
    @Path("/{actionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD})
    @Operation(
            summary = "Change a response action's description, owner, due date or status",
            description = "Same callers as recording. Needs If-Match with the action's ETag (412 when someone "
                    + "changed it first, 428 without). Status only moves forward: PLANNED → IN_PROGRESS → DONE, and "
                    + "CANCELLED from anything not done; a done or cancelled action no longer changes (409). "
                    + "Timestamps are set by the service.")
    public Response update(
            @PathParam("id") UUID id,
            @PathParam("actionId") UUID actionId,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @Valid ResponseActionUpdate request) {
        ResponseActionView view =
                actions.update(caller.current(), id, actionId, ETags.version(ifMatch), command(request));
        return Response.ok(view).tag(ETags.of(view.version())).build();
    }

    private static RecordResponseAction command(ResponseActionRequest r) {
        return new RecordResponseAction(
                r.kind(), r.description(), r.ownerUnit(), r.ownerPerson(), r.dueDate(), r.status());
    }

    private static UpdateResponseAction command(ResponseActionUpdate r) {
        return new UpdateResponseAction(r.description(), r.ownerUnit(), r.ownerPerson(), r.dueDate(), r.status());
    }
}
