package jp.horenso.incident.evidence.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.common.security.OrganisationCaller;
import jp.horenso.incident.common.security.Roles;
import jp.horenso.incident.evidence.config.EvidenceConfig;
import jp.horenso.incident.evidence.service.EvidenceService;
import jp.horenso.incident.evidence.service.HandOverEvidence;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Evidence of a case (証拠保全, 第107条) over HTTP. An upload is the raw file as the request body: its media type in
 * {@code Content-Type}, its name in {@code Content-Disposition} ({@code filename*=UTF-8''…} for Japanese names).
 */
@Path("/api/incidents/{id}/evidence")
public class EvidenceResource {

    /** Set by Quarkus' body reader when a body without Content-Length grows past the server's limit. */
    private static final String BODY_TOO_LARGE = "Request too large";

    private final EvidenceService evidence;
    private final EvidenceConfig config;
    private final OrganisationCaller caller;

    public EvidenceResource(EvidenceService evidence, EvidenceConfig config, OrganisationCaller caller) {
        this.evidence = evidence;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Keep a piece of evidence (証拠保全, 第107条)",
            description = "CSIRT and security lead. The body is the file itself; Content-Type must be on the allowed "
                    + "list (horenso.evidence.allowed-content-types, else 415); Content-Disposition names the file, "
                    + "e.g. `attachment; filename*=UTF-8''%E3%83%AD%E3%82%B0.txt`; at most horenso.evidence.max-size "
                    + "(413 beyond, nothing stored). The SHA-256 is computed on arrival. 201 with the metadata and the "
                    + "first link of the chain of custody.")
    public Response upload(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "attachment; filename*=UTF-8''<percent-encoded name>")
                    @HeaderParam("Content-Disposition")
                    String disposition,
            @Parameter(description = "What the evidence is, at most 1000 characters") @QueryParam("description")
                    String description,
            InputStream body,
            UriInfo uri) {
        EvidenceService.Upload upload = evidence.admit(
                caller.current(), id, contentType, ContentDisposition.filename(disposition), description);
        EvidenceView view = evidence.receive(caller.current(), id, upload, read(body));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .type(MediaType.APPLICATION_JSON)
                .entity(view)
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO,
        Roles.AUDITOR
    })
    @Operation(
            summary = "The evidence of a case: metadata and SHA-256",
            description = "Who may see the case, except staff and the committee (evidence may hold other people's "
                    + "data). Others get 404.")
    public List<EvidenceSummary> list(@PathParam("id") UUID id) {
        return evidence.list(caller.current(), id);
    }

    @GET
    @Path("/{evidenceId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO,
        Roles.AUDITOR
    })
    @Operation(
            summary = "A piece of evidence with its SHA-256 and its chain of custody",
            description = "Who may see the case, except staff and the committee.")
    public EvidenceView show(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId) {
        return evidence.show(caller.current(), id, evidenceId);
    }

    @GET
    @Path("/{evidenceId}/content")
    @RolesAllowed({
        Roles.SECTION_CHIEF,
        Roles.DEPARTMENT_HEAD,
        Roles.SECURITY_LEAD,
        Roles.CSIRT,
        Roles.CISO,
        Roles.VICE_CISO,
        Roles.AUDITOR
    })
    @Operation(
            summary = "Download a piece of evidence (a chain-of-custody entry)",
            description = "Who may see the case, except staff and the committee. The bytes are checked against the "
                    + "SHA-256 taken on arrival (500 problem and a timeline alarm when they no longer match); every "
                    + "download is recorded with who, when and the optional purpose. Repr-Digest carries the hash.")
    public Response content(
            @PathParam("id") UUID id,
            @PathParam("evidenceId") UUID evidenceId,
            @Parameter(description = "Why it is downloaded, at most 500 characters; kept on the chain of custody")
                    @QueryParam("purpose")
                    String purpose) {
        EvidenceService.Download download = evidence.download(caller.current(), id, evidenceId, purpose);
        byte[] hash = HexFormat.of().parseHex(download.evidence().sha256());
        return Response.ok(download.content(), download.evidence().contentType())
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment(download.evidence().filename()))
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(hash) + ":")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("/{evidenceId}/handovers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD})
    @Operation(
            summary = "Record that a piece of evidence was handed over (a chain-of-custody entry)",
            description = "CSIRT and security lead; to whom and why. The stored bytes are checked against their "
                    + "hash first. 201 with the new link of the chain.")
    public Response handOver(
            @PathParam("id") UUID id,
            @PathParam("evidenceId") UUID evidenceId,
            @NotNull @Valid HandoverRequest request,
            UriInfo uri) {
        CustodyEntryView entry = evidence.handOver(caller.current(), id, evidenceId, command(request));
        return Response.created(uri.getBaseUriBuilder()
                        .path("api/incidents/{id}/evidence/{evidenceId}")
                        .build(id, evidenceId))
                .entity(entry)
                .build();
    }

    /** The body up to the configured size; one byte more is enough to know it is too large. */
    private byte[] read(InputStream body) {
        long limit = config.maxSize().asLongValue();
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
            if (bytes.length > limit) {
                throw new ProblemException(413, "evidence.too-large", limit);
            }
            return bytes;
        } catch (IOException e) {
            if (BODY_TOO_LARGE.equals(e.getMessage())) {
                throw new ProblemException(413, "evidence.too-large", limit);
            }
            throw ProblemException.invalidFields(List.of(FieldProblem.of("body", "evidence.body-unreadable")));
        }
    }

    private static HandOverEvidence command(HandoverRequest r) {
        return new HandOverEvidence(r.to(), r.purpose());
    }
}
