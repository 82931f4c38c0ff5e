package jp.horenso.incident.disclosure.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jp.horenso.incident.disclosure.service.PublicDisclosureService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * One organisation's published disclosures for citizens, the press and the public site (第43条5項, 第44条7項). Open
 * without login: it reads published texts of real cases and nothing else, addressed by public numbers.
 */
@Path("/api/public/organisations/{organisation}/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicOrganisationDisclosureResource {

    /** An organisation code as the tokens and cases carry it. */
    static final String ORGANISATION = "[a-z0-9][a-z0-9-]{0,62}";

    private final PublicDisclosureService disclosures;

    public PublicOrganisationDisclosureResource(PublicDisclosureService disclosures) {
        this.disclosures = disclosures;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "An organisation's published disclosures, newest first — anyone, no login",
            description = "Only texts the CISO approved and that were published; never drafts, never drills, never "
                    + "another organisation's. An organisation with nothing published gives an empty list.")
    public PublicOrganisationDisclosureView.Page list(
            @PathParam("organisation") @Pattern(regexp = ORGANISATION) String organisation,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return disclosures.list(organisation, page, size);
    }

    @GET
    @Path("/{publicId}")
    @PermitAll
    @Operation(
            summary = "One published disclosure by its public number, with the case's other publications",
            description = "Anyone, no login. `related` lists the same case's earlier facts and recurrence-prevention "
                    + "follow-ups (第44条7項).")
    public PublicOrganisationDisclosureView one(
            @PathParam("organisation") @Pattern(regexp = ORGANISATION) String organisation,
            @PathParam("publicId") @Min(1) @Max(100_000_000) int publicId) {
        return disclosures.one(organisation, publicId);
    }
}
