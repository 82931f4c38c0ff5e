package jp.horenso.web.inbox;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.EscalationApi;
import jp.horenso.web.upstream.IncidentApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * 確認待ち (第43条2–3項): what awaits the signed-in person, with the deadline counting down; one click to
 * acknowledge (an optional comment travels up the chain) and the 重大 marking with its reason. Section chiefs,
 * department heads, the security lead, the CSIRT, the CISO and the vice-CISO.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO, Roles.VICE_CISO
})
public class InboxPage {

    static final List<String> WHO = List.of(
            Roles.SECTION_CHIEF, Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO, Roles.VICE_CISO);

    @Inject
    Page page;

    @Inject
    @RestClient
    IncidentApi incidents;

    @Inject
    @RestClient
    EscalationApi escalation;

    @Inject
    @Location("inbox.html")
    Template inbox;

    @GET
    public TemplateInstance show(@QueryParam("done") String done) {
        return render(inbox, done, null, Map.of());
    }

    /** The list alone, for the live refresh. */
    @GET
    @Path("/list")
    public TemplateInstance list() {
        return render(inbox.getFragment("list"), null, null, Map.of());
    }

    @POST
    @Path("/{incidentId}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance acknowledge(
            @PathParam("incidentId") UUID incidentId, @RestForm String comment, @RestForm String number) {
        Map<String, Object> body = new HashMap<>();
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment.strip());
        }
        try {
            Upstream.ok(incidents.acknowledge(incidentId, Upstream.json(body)));
            return render(inbox, number, "inbox.acknowledged", Map.of());
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return render(inbox, null, null, Map.of(incidentId.toString(), e.detail()));
        }
    }

    @POST
    @Path("/{incidentId}/serious")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.DEPARTMENT_HEAD, Roles.SECURITY_LEAD})
    public TemplateInstance markSerious(
            @PathParam("incidentId") UUID incidentId, @RestForm String reason, @RestForm String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("reason", reason == null || reason.isBlank() ? null : reason.strip());
        try {
            Upstream.ok(escalation.markSerious(incidentId, Upstream.json(body)));
            return render(inbox, number, "inbox.markedSerious", Map.of());
        } catch (UpstreamException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return render(inbox, null, null, Map.of(incidentId.toString(), e.detail()));
        }
    }

    private TemplateInstance render(Template template, String number, String doneKey, Map<String, String> errors) {
        List<Map<String, Object>> items = Upstream.list(incidents.awaiting());
        return page.of(template, "inbox.title", WHO)
                .data("items", items)
                .data("number", number)
                .data("doneKey", doneKey)
                .data("errors", errors);
    }
}
