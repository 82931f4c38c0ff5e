package jp.horenso.incident.acknowledgement.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import jp.horenso.incident.acknowledgement.Acknowledgement;
import jp.horenso.incident.acknowledgement.service.AcknowledgementService;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Acknowledging a report over HTTP. */
@Path("/api/incidents/{id}/acknowledgements")
@Produces(MediaType.APPLICATION_JSON)
public class AcknowledgementResource {

    private final AcknowledgementService acknowledgements;
    private final OrganisationCaller caller;

    public AcknowledgementResource(AcknowledgementService acknowledgements, OrganisationCaller caller) {
        this.acknowledgements = acknowledgements;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO
    })
    @Operation(
            summary = "Acknowledge a report (受領確認)",
            description = "For the people of the chain who may see the case; stops their hop's clock. "
                    + "The JSON body with a comment is optional.")
    public Response acknowledge(@PathParam("id") UUID id, @Valid AcknowledgementRequest request, UriInfo uri) {
        Acknowledgement ack =
                acknowledgements.acknowledge(caller.current(), id, request == null ? null : request.comment());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(ack.id().toString()).build())
                .entity(AcknowledgementView.of(ack))
                .build();
    }
}
