package jp.horenso.web.upstream;

import io.quarkus.oidc.token.propagation.common.AccessToken;
import jakarta.ws.rs.Consumes;
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

/** incident-service, called with the signed-in person's access token: its access rules decide what they see. */
@RegisterRestClient(configKey = "incident")
@RegisterProvider(LanguageHeader.class)
@AccessToken
@Path("/api")
public interface IncidentApi extends AdminTrailApi {

    @GET
    @Path("/incidents")
    Response list(
            @QueryParam("q") String q,
            @QueryParam("state") String state,
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    @POST
    @Path("/incidents")
    @Consumes(MediaType.APPLICATION_JSON)
    Response report(String body, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @GET
    @Path("/incidents/{id}")
    Response show(@PathParam("id") UUID id);

    /** The caller's own organisation as onboarded (names, prefix, contacts). */
    @GET
    @Path("/organisation")
    Response organisation();

    @PUT
    @Path("/incidents/{id}/record")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateRecord(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, String body);

    @GET
    @Path("/me/awaiting")
    Response awaiting();

    @GET
    @Path("/dashboard/cases")
    Response dashboard(
            @QueryParam("q") String q,
            @QueryParam("severity") String severity,
            @QueryParam("sort") String sort,
            @QueryParam("drill") String drill,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    @GET
    @Path("/kpis")
    Response kpis();

    @GET
    @Path("/units")
    Response units();

    @GET
    @Path("/incidents/{id}/chain")
    Response chain(@PathParam("id") UUID id);

    @POST
    @Path("/incidents/{id}/acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    Response acknowledge(@PathParam("id") UUID id, String body);

    @GET
    @Path("/incidents/{id}/responses")
    Response responses(@PathParam("id") UUID id);

    @POST
    @Path("/incidents/{id}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    Response recordResponse(@PathParam("id") UUID id, String body);

    @PUT
    @Path("/incidents/{id}/responses/{actionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateResponse(
            @PathParam("id") UUID id,
            @PathParam("actionId") UUID actionId,
            @HeaderParam("If-Match") String ifMatch,
            String body);

    @GET
    @Path("/incidents/{id}/evidence")
    Response evidence(@PathParam("id") UUID id);

    @POST
    @Path("/incidents/{id}/evidence")
    @Consumes(MediaType.WILDCARD)
    Response uploadEvidence(
            @PathParam("id") UUID id,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Disposition") String disposition,
            @QueryParam("description") String description,
            byte[] content);

    @GET
    @Path("/incidents/{id}/evidence/{evidenceId}/content")
    Response evidenceContent(
            @PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId, @QueryParam("purpose") String purpose);

    @GET
    @Path("/incidents/{id}/ciso-reports")
    Response cisoReports(@PathParam("id") UUID id);

    @POST
    @Path("/incidents/{id}/ciso-reports")
    @Consumes(MediaType.APPLICATION_JSON)
    Response submitCisoReport(@PathParam("id") UUID id, String body);

    @POST
    @Path("/incidents/{id}/ciso-reports/{version}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    Response decideCisoReport(@PathParam("id") UUID id, @PathParam("version") int version, String body);

    @GET
    @Path("/incidents/{id}/review")
    Response review(@PathParam("id") UUID id);

    @GET
    @Path("/incidents/{id}/disclosure")
    Response disclosure(@PathParam("id") UUID id);

    @PUT
    @Path("/incidents/{id}/disclosure/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    Response decideDisclosure(@PathParam("id") UUID id, String body);

    @POST
    @Path("/incidents/{id}/disclosure/drafts/{version}/approval")
    Response approveDraft(@PathParam("id") UUID id, @PathParam("version") int version);

    @GET
    @Path("/incidents/{id}/audit/verify")
    Response verifyAudit(@PathParam("id") UUID id);

    @GET
    @Path("/incidents/{id}/audit/export.csv")
    Response exportAuditCsv(@PathParam("id") UUID id);

    /** A document of the case (PDF by default), streamed through the console. */
    @GET
    @Path("/incidents/{id}/documents/{document: .+}")
    Response document(
            @PathParam("id") UUID id,
            @PathParam("document") String document,
            @QueryParam("format") String format,
            @QueryParam("lang") String lang);

    /** 第44条6項: the CISO's report to the information-security committee. */
    @POST
    @Path("/incidents/{id}/committee-report")
    @Consumes(MediaType.APPLICATION_JSON)
    Response reportToCommittee(@PathParam("id") UUID id, String body);

    @POST
    @Path("/incidents/{id}/close")
    Response close(@PathParam("id") UUID id);

    /** 第44条3項: notices to persons, information to citizens, reports to outside bodies. */
    @GET
    @Path("/incidents/{id}/communications")
    Response communications(@PathParam("id") UUID id);

    @POST
    @Path("/incidents/{id}/communications")
    @Consumes(MediaType.APPLICATION_JSON)
    Response recordCommunication(@PathParam("id") UUID id, String body);

    /** 第44条2項: the case moves to the section it concerns. */
    @POST
    @Path("/incidents/{id}/unit")
    @Consumes(MediaType.APPLICATION_JSON)
    Response changeUnit(@PathParam("id") UUID id, String body);

    @POST
    @Path("/incidents/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    Response withdraw(@PathParam("id") UUID id, String body);

    /** 第48条: drill, or corrected to not a drill. */
    @POST
    @Path("/incidents/{id}/drill-marking")
    @Consumes(MediaType.APPLICATION_JSON)
    Response markDrill(@PathParam("id") UUID id, String body);
}
