package jp.horenso.incident.communication.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.common.http.QueryEnums;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.communication.Communication;
import jp.horenso.incident.communication.service.CommunicationService;
import jp.horenso.incident.communication.service.RecordCommunication;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Notices to persons, information to citizens and reports to outside bodies (第44条3項) over HTTP. */
@Path("/api/incidents/{id}/communications")
@Produces(MediaType.APPLICATION_JSON)
public class CommunicationResource {

    private final CommunicationService communications;
    private final OrganisationCaller caller;

    public CommunicationResource(CommunicationService communications, OrganisationCaller caller) {
        this.communications = communications;
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
            summary = "The outside communications of a case, in the order they happened",
            description = "Everyone who may see the case (others get 404). Optional filter: kind.")
    public List<CommunicationView> list(@PathParam("id") UUID id, @QueryParam("kind") String kind) {
        return communications.list(caller.current(), id, QueryEnums.parse("kind", kind, Communication.Kind.class));
    }

    @GET
    @Path("/{communicationId}")
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
            summary = "One outside communication of a case",
            description = "Everyone who may see the case (others get 404).")
    public CommunicationView show(@PathParam("id") UUID id, @PathParam("communicationId") UUID communicationId) {
        return communications.show(caller.current(), id, communicationId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Record a notice to persons, information to citizens or a report to an outside body",
            description = "CSIRT and security lead (第44条3項, 第15条(1)). NOTICE_TO_PERSONS needs persons and method "
                    + "(it fills item 6 of the commission report draft); INFORMATION_TO_CITIZENS needs method; "
                    + "REPORT_TO_OUTSIDE_BODY needs recipient (PREFECTURE, MIC, PPC, POLICE, NISC, J_LIS, IPA, "
                    + "JPCERT_CC, or OTHER with recipientName). Recorded once, never changed; 409 on a closed case.")
    public Response record(@PathParam("id") UUID id, @NotNull @Valid CommunicationRequest request, UriInfo uri) {
        CommunicationView view = communications.record(caller.current(), id, command(request));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .entity(view)
                .build();
    }

    private static RecordCommunication command(CommunicationRequest r) {
        return new RecordCommunication(
                r.kind(),
                r.recipient(),
                r.recipientName(),
                r.persons(),
                r.method(),
                r.communicatedAt(),
                r.reference(),
                r.summary());
    }
}
