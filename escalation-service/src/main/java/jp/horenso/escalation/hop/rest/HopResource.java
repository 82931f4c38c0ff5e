package jp.horenso.escalation.hop.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.common.security.OrganisationCaller;
import jp.horenso.escalation.hop.service.HopQueryService;

/** The hops of a case's reporting chain: who was told, by when they had to acknowledge, and what happened. */
@Path("/api/incidents/{incidentId}/hops")
@Produces(MediaType.APPLICATION_JSON)
public class HopResource {

    private final HopQueryService queries;
    private final OrganisationCaller caller;

    public HopResource(HopQueryService queries, OrganisationCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"csirt", "security-lead", "ciso", "auditor"})
    public List<HopView> list(@PathParam("incidentId") UUID incidentId) {
        return queries.hopsOf(incidentId, caller.current().organisation()).stream()
                .map(HopView::of)
                .toList();
    }
}
