package jp.horenso.web.review;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.IncidentApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * CISOの審査 (第44条5–6項, 第43条5項): CSIRT reports to accept or return with instructions, the disclosure decision and
 * the approval of a disclosure draft. The CISO decides; the vice-CISO sees the queue.
 */
@Path("/review")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.CISO, Roles.VICE_CISO})
public class ReviewPage {

    static final List<String> WHO = List.of(Roles.CISO, Roles.VICE_CISO);

    @Inject
    Page page;

    @Inject
    @RestClient
    IncidentApi incidents;

    @Inject
    @Location("review.html")
    Template review;

    @GET
    public TemplateInstance queue(@QueryParam("done") String done, @QueryParam("error") String error) {
        Map<String, Object> result = Upstream.object(incidents.list(null, "UNDER_CISO_REVIEW", "reportedAt", 0, 50));
        List<Map<String, Object>> items = new ArrayList<>();
        if (result.get("items") instanceof List<?> list) {
            for (Object o : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> item = new LinkedHashMap<>((Map<String, Object>) o);
                try {
                    List<Map<String, Object>> reports = Upstream.list(
                            incidents.cisoReports(UUID.fromString(item.get("id").toString())));
                    reports.stream()
                            .filter(r -> Boolean.TRUE.equals(r.get("latest")))
                            .findFirst()
                            .ifPresent(r -> item.put("report", r));
                } catch (RuntimeException e) {
                    // shown without its report
                }
                items.add(item);
            }
        }
        return page.of(review, "review.title", WHO)
                .data("items", items)
                .data("doneKey", done)
                .data("error", error);
    }

    /** Accept, or return with instructions (required by incident-service when returning). CISO only. */
    @POST
    @Path("/{id}/{version}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CISO)
    public Response decide(
            @PathParam("id") UUID id,
            @PathParam("version") int version,
            @RestForm String decision,
            @RestForm String instructions,
            @RestForm String severe) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", "RETURN".equals(decision) ? "RETURN" : "ACCEPT");
        body.put("instructions", instructions == null || instructions.isBlank() ? null : instructions.strip());
        if ("on".equals(severe)) {
            body.put("severe", true);
        }
        return act(
                () -> incidents.decideCisoReport(id, version, Upstream.json(body)),
                "ACCEPT".equals(body.get("decision")) ? "review.accepted" : "review.returned",
                id);
    }

    /** 第43条5項: how (and whether) the case is disclosed. CISO only. */
    @POST
    @Path("/{id}/disclosure")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CISO)
    public Response disclosure(@PathParam("id") UUID id, @RestForm String method, @RestForm String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", method);
        body.put("note", note == null || note.isBlank() ? null : note.strip());
        return act(() -> incidents.decideDisclosure(id, Upstream.json(body)), "review.disclosureDecided", id);
    }

    /** Approves a disclosure draft for publication. CISO only. */
    @POST
    @Path("/{id}/drafts/{version}/approval")
    @RolesAllowed(Roles.CISO)
    public Response approve(@PathParam("id") UUID id, @PathParam("version") int version) {
        return act(() -> incidents.approveDraft(id, version), "review.draftApproved", id);
    }

    private Response act(java.util.function.Supplier<Response> call, String doneKey, UUID id) {
        try {
            Upstream.ok(call.get());
            return Response.seeOther(URI.create("/cases/" + id + "?done=" + doneKey))
                    .build();
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            String detail = java.net.URLEncoder.encode(e.detail(), java.nio.charset.StandardCharsets.UTF_8);
            return Response.seeOther(URI.create("/review?error=" + detail)).build();
        }
    }
}
