package jp.horenso.escalation.hop.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.hop.service.HopQueryService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The hops of a case's reporting chain: who was told, by when they had to acknowledge, and what happened. */
@Path("/api/incidents/{incidentId}/hops")
@Produces(MediaType.APPLICATION_JSON)
public class HopResource {

    /** The token claim (or test identity attribute) naming the caller's organisation. */
    static final String ORGANISATION_CLAIM = "organisation";

    private final HopQueryService queries;
    private final SecurityIdentity identity;

    public HopResource(HopQueryService queries, SecurityIdentity identity) {
        this.queries = queries;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"csirt", "security-lead", "ciso", "auditor"})
    public List<HopView> list(@PathParam("incidentId") UUID incidentId) {
        return queries.hopsOf(incidentId, callerOrganisation()).stream().map(HopView::of).toList();
    }

    private String callerOrganisation() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim(ORGANISATION_CLAIM) != null) {
            Object claim = token.getClaim(ORGANISATION_CLAIM);
            // SmallRye JWT hands custom claims out as JSON values; toString() of a JsonString keeps the quotes.
            return claim instanceof JsonString text ? text.getString() : claim.toString();
        }
        // @TestSecurity identities carry it as an attribute; absent everywhere means no case is visible.
        Object attribute = identity.getAttribute(ORGANISATION_CLAIM);
        return attribute == null ? null : attribute.toString();
    }
}
