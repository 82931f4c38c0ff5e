package jp.horenso.incident.disclosure.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import jp.horenso.incident.disclosure.service.PublicDisclosureService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Published disclosures for citizens and the press (第43条5項, 第44条7項). The only endpoint open without login:
 * it reads published texts and nothing else.
 */
@Path("/api/public/disclosures")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicDisclosureResource {

    private final PublicDisclosureService disclosures;

    public PublicDisclosureResource(PublicDisclosureService disclosures) {
        this.disclosures = disclosures;
    }

    @GET
    @PermitAll
    @Operation(summary = "Published disclosures, newest first — anyone, no login",
            description = "Only texts the CISO approved and that were published; never drafts, never drills.")
    public PublicDisclosureView.Page list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return disclosures.list(page, size);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "One published disclosure — anyone, no login")
    public PublicDisclosureView one(@PathParam("id") UUID id) {
        return disclosures.one(id);
    }
}
