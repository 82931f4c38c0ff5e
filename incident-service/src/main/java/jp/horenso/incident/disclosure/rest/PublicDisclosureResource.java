package jp.horenso.incident.disclosure.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import jp.horenso.incident.disclosure.service.PublicDisclosureService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * Published disclosures of every organisation for citizens and the press (第43条5項, 第44条7項), open without login.
 *
 * @deprecated mixes organisations and addresses disclosures by an internal id; use
 *     {@link PublicOrganisationDisclosureResource} ({@code /api/public/organisations/{organisation}/disclosures}),
 *     which the public site reads. The list of every organisation's disclosures is gone (issue 12: a public list is
 *     one organisation's, never mixed); one disclosure by its id is kept working for existing links.
 */
@Deprecated
@Path("/api/public/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicDisclosureResource {

    private final PublicDisclosureService disclosures;

    public PublicDisclosureResource(PublicDisclosureService disclosures) {
        this.disclosures = disclosures;
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @ResponseHeader(name = "Deprecation", value = "true")
    @Operation(
            deprecated = true,
            summary = "Deprecated: one published disclosure — anyone, no login",
            description = "Use GET /api/public/organisations/{organisation}/disclosures/{publicId}.")
    public PublicDisclosureView one(@PathParam("id") UUID id) {
        return disclosures.one(id);
    }
}
