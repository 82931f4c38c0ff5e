package jp.horenso.escalation.chain.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import jp.horenso.escalation.chain.ChainDefinition;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.chain.service.ChainAdminService;
import jp.horenso.escalation.common.security.OrganisationCaller;
import jp.horenso.platform.problem.Message;
import jp.horenso.platform.problem.ProblemException;

/**
 * The caller's organisation's reporting chain (第107条): read by the people who run or audit it, written by the
 * security lead as a new version.
 */
@Path("/api/chain")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    private final ChainAdminService chains;
    private final OrganisationCaller caller;

    public ChainResource(ChainAdminService chains, OrganisationCaller caller) {
        this.chains = chains;
        this.caller = caller;
    }

    /** The current version; its ETag is the version, for {@code If-Match} on PUT. */
    @GET
    @RolesAllowed({"security-lead", "csirt", "ciso", "auditor"})
    public Response current() {
        ChainDefinition current = chains.current(caller.current());
        return Response.ok(view(current))
                .tag(new EntityTag(Integer.toString(current.version())))
                .build();
    }

    @GET
    @Path("/versions")
    @RolesAllowed({"security-lead", "csirt", "ciso", "auditor"})
    public List<VersionSummary> versions() {
        return chains.versions(caller.current()).stream()
                .map(d -> new VersionSummary(d.version(), d.createdAt(), d.createdBy()))
                .toList();
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({"security-lead", "csirt", "ciso", "auditor"})
    public ChainView version(@PathParam("version") int version) {
        return view(chains.version(caller.current(), version));
    }

    /**
     * Writes a new version (201, Location of the version); 422 problem+json naming every problem, nothing
     * written; 412 when {@code If-Match} names an older version.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("security-lead")
    public Response write(ChainDocument document, @HeaderParam("If-Match") String ifMatch) {
        ChainDefinition written = chains.write(caller.current(), document, expectedVersion(ifMatch));
        return Response.created(URI.create("/api/chain/versions/" + written.version()))
                .tag(new EntityTag(Integer.toString(written.version())))
                .entity(view(written))
                .build();
    }

    /** Checks a chain without writing it: 204 when valid, else 422 as for PUT. */
    @POST
    @Path("/validation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("security-lead")
    public Response check(ChainDocument document) {
        chains.check(caller.current(), document);
        return Response.noContent().build();
    }

    /** A version summary. */
    public record VersionSummary(int version, Instant createdAt, String createdBy) {}

    private ChainView view(ChainDefinition definition) {
        return new ChainView(
                definition.organisation(),
                definition.version(),
                definition.createdAt(),
                definition.createdBy(),
                chains.document(definition));
    }

    private static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed(Message.text(
                    "If-Match '" + ifMatch + "' は報告経路の版ではありません。",
                    "If-Match '" + ifMatch + "' is not a chain version."));
        }
    }
}
