package jp.horenso.web.audit;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.upstream.IncidentApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** 監査: verify a case's audit chain (hash chain of its timeline) and export it. Auditor, security lead, CSIRT, CISO. */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.AUDITOR, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO})
public class AuditPage {

    static final List<String> WHO = List.of(Roles.AUDITOR, Roles.SECURITY_LEAD, Roles.CSIRT, Roles.CISO);

    @Inject
    Page page;

    @Inject
    @RestClient
    IncidentApi incidents;

    @Inject
    @Location("audit.html")
    Template audit;

    @GET
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("verify") UUID verify) {
        String query = q == null || q.isBlank() ? null : q.strip();
        Map<String, Object> result = Upstream.object(incidents.list(query, null, "-reportedAt", 0, 50));
        Map<String, Object> verification = verify == null ? null : Upstream.object(incidents.verifyAudit(verify));
        return page.of(audit, "audit.title", WHO)
                .data("result", result)
                .data("q", query == null ? "" : query)
                .data("verified", verify == null ? null : verify.toString())
                .data("verification", verification);
    }

    @GET
    @Path("/{id}/export.csv")
    @Produces("text/csv")
    public Response export(@PathParam("id") UUID id) {
        Response upstream = incidents.exportAuditCsv(id);
        if (upstream.getStatus() >= 400) {
            Upstream.ok(upstream);
        }
        try (upstream) {
            return Response.ok(upstream.readEntity(byte[].class), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"audit-" + id + ".csv\"")
                    .header("Cache-Control", "no-store")
                    .build();
        }
    }
}
