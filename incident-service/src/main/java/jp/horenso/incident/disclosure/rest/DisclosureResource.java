package jp.horenso.incident.disclosure.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.disclosure.DisclosureDraft;
import jp.horenso.incident.disclosure.DisclosurePublication;
import jp.horenso.incident.disclosure.service.DecideDisclosure;
import jp.horenso.incident.disclosure.service.DisclosureService;
import jp.horenso.incident.disclosure.service.PublishDisclosure;
import jp.horenso.incident.disclosure.service.SaveDisclosureDraft;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A case's public disclosure behind login: decision, texts, approval and publication (第43条5項, 第44条7項). */
@Path("/api/incidents/{id}/disclosure")
@Produces(MediaType.APPLICATION_JSON)
public class DisclosureResource {

    private final DisclosureService disclosure;
    private final OrganisationCaller caller;

    public DisclosureResource(DisclosureService disclosure, OrganisationCaller caller) {
        this.disclosure = disclosure;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO, Roles.AUDITOR})
    @Operation(
            summary = "The proposal, the CISO's decision, every text version and the publications",
            description = "CSIRT, security lead, CISO, auditor. `proposed` is the rule's suggestion with its reasons "
                    + "(severity, legal duties, R5); each version lists any personal data it still contains.")
    public DisclosureView show(@PathParam("id") UUID id) {
        return disclosure.show(caller.current(), id);
    }

    @PUT
    @Path("/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CISO)
    @Operation(
            summary = "Decide whether and how the case is made public (第43条5項) — CISO",
            description = "NONE, PERIODIC_BULK_RELEASE, INDIVIDUAL_PRESS_RELEASE or PRESS_CONFERENCE; who and when are "
                    + "recorded with the proposal it was made against.")
    public DisclosureView decide(@PathParam("id") UUID id, @NotNull @Valid DisclosureDecisionRequest request) {
        disclosure.decide(caller.current(), id, command(request));
        return disclosure.show(caller.current(), id);
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CSIRT)
    @Operation(
            summary = "Save a new version of the disclosure text — CSIRT",
            description = "Japanese required, English optional. Each save is a new version; old ones are kept. "
                    + "includeRecurrencePrevention adds the recurrence prevention the CISO accepted (第44条7項).")
    public Response saveDraft(@PathParam("id") UUID id, @NotNull @Valid DisclosureDraftRequest request, UriInfo uri) {
        DisclosureDraft d = disclosure.saveDraft(caller.current(), id, command(request));
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Integer.toString(d.key().version()))
                        .build())
                .entity(disclosure.show(caller.current(), id))
                .build();
    }

    @POST
    @Path("/drafts/{version}/approval")
    @RolesAllowed(Roles.CISO)
    @Operation(
            summary = "Approve the latest version of the text — CISO",
            description = "Not a version the CISO wrote (第14条: 403). Refused with 422 listing what was found while "
                    + "the text contains personal data held in the case or looks like it.")
    public DisclosureView approve(@PathParam("id") UUID id, @PathParam("version") @Min(1) @Max(100_000) int version) {
        disclosure.approve(caller.current(), id, version);
        return disclosure.show(caller.current(), id);
    }

    @POST
    @Path("/publications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CISO, Roles.CSIRT})
    @Operation(
            summary = "Record that an approved text was published — CISO or CSIRT",
            description = "With the publication time (now if left out). The text appears on the public endpoint "
                    + "unless the case is a drill. 422 if it contains personal data.")
    public Response publish(@PathParam("id") UUID id, @NotNull @Valid PublicationRequest request, UriInfo uri) {
        DisclosurePublication p = disclosure.publish(caller.current(), id, command(request));
        Response.ResponseBuilder created = Response.status(Response.Status.CREATED);
        if (!p.drill()) {
            // A drill's publication never appears publicly, so there is nowhere to point to.
            created.location(uri.getBaseUriBuilder()
                    .path("api/public/organisations")
                    .path(p.organisation())
                    .path("disclosures")
                    .path(Integer.toString(p.publicNumber()))
                    .build());
        }
        return created.entity(disclosure.show(caller.current(), id)).build();
    }

    private static DecideDisclosure command(DisclosureDecisionRequest r) {
        return new DecideDisclosure(r.method(), r.note());
    }

    private static SaveDisclosureDraft command(DisclosureDraftRequest r) {
        return new SaveDisclosureDraft(
                r.titleJa(), r.bodyJa(), r.titleEn(), r.bodyEn(), r.includeRecurrencePrevention());
    }

    private static PublishDisclosure command(PublicationRequest r) {
        return new PublishDisclosure(r.draftVersion(), r.publishedAt());
    }
}
