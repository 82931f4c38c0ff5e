package jp.horenso.web.upstream;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** escalation-service, with the signed-in person's token. */
@RegisterRestClient(configKey = "escalation")
@RegisterProvider(LanguageHeader.class)
@AccessToken
@Path("/api")
public interface EscalationApi extends AdminTrailApi {

    /** 重大 (第43条3項) with its reason. */
    @POST
    @Path("/incidents/{id}/serious")
    @Consumes(MediaType.APPLICATION_JSON)
    Response markSerious(@PathParam("id") UUID id, String body);

    /** The chain in force, with its version as ETag. */
    @GET
    @Path("/chain")
    Response chain();

    @POST
    @Path("/chain/validation")
    @Consumes(MediaType.APPLICATION_JSON)
    Response validateChain(String document);

    @PUT
    @Path("/chain")
    @Consumes(MediaType.APPLICATION_JSON)
    Response writeChain(@HeaderParam("If-Match") String ifMatch, String document);

    /** All-or-nothing directory import (CSV or YAML); {@code dryRun} only checks. */
    @PUT
    @Path("/directory")
    @Consumes({"text/csv", "application/yaml"})
    Response importDirectory(
            @HeaderParam("Content-Type") String contentType, @QueryParam("dryRun") boolean dryRun, String body);

    /** Current and coming absences of the caller's organisation: meanwhile hops go to the deputy. */
    @GET
    @Path("/directory/absences")
    Response absences();

    @POST
    @Path("/directory/absences")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addAbsence(String body);

    @DELETE
    @Path("/directory/absences/{absenceId}")
    Response removeAbsence(@PathParam("absenceId") long absenceId);
}
