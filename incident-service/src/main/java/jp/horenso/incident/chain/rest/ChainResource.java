package jp.horenso.incident.chain.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.chain.service.ChainService;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A case's reporting chain (報告経路) over HTTP. */
@Path("/api/incidents/{id}/chain")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    private final ChainService chain;
    private final OrganisationCaller caller;

    public ChainResource(ChainService chain, OrganisationCaller caller) {
        this.chain = chain;
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
            summary = "The case's chain: every hop, who must acknowledge by when, and what became of it",
            description = "Whoever may see the case (else 404). Ordered by openedAt; times in Japan time. overdue: "
                    + "not acknowledged and past the deadline.")
    public List<HopView> chain(@PathParam("id") UUID id) {
        return chain.of(caller.current(), id);
    }
}
