package jp.horenso.web.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.upstream.IncidentApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * CSIRTダッシュボード: open cases with severity, chain position (overdue in red), next legal clock and response phase;
 * filters, Japanese search, sort; drills shown apart. KPIs with charts on their own page. CSIRT, security lead,
 * CISO and vice-CISO.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO})
public class DashboardPage {

    static final List<String> WHO = List.of(Roles.CSIRT, Roles.SECURITY_LEAD, Roles.CISO, Roles.VICE_CISO);
    /** incident-service's orders: newest report first (its default), most severe first, nearest deadline first. */
    static final List<String> SORTS = List.of("reportedAt", "severity", "deadline");

    @Inject
    Page page;

    @Inject
    @RestClient
    IncidentApi incidents;

    @Inject
    @Location("dashboard.html")
    Template dashboard;

    @Inject
    @Location("kpis.html")
    Template kpis;

    @GET
    @Path("dashboard")
    public TemplateInstance show(
            @QueryParam("q") String q,
            @QueryParam("severity") String severity,
            @QueryParam("sort") String sort,
            @QueryParam("drill") boolean drill) {
        return render(dashboard, q, severity, sort, drill);
    }

    /** The rows alone, for the live refresh. */
    @GET
    @Path("dashboard/rows")
    public TemplateInstance rows(
            @QueryParam("q") String q,
            @QueryParam("severity") String severity,
            @QueryParam("sort") String sort,
            @QueryParam("drill") boolean drill) {
        return render(dashboard.getFragment("rows"), q, severity, sort, drill);
    }

    private TemplateInstance render(Template template, String q, String severity, String sort, boolean drill) {
        String s = sort != null && SORTS.contains(sort) ? sort : null;
        String sev = severity == null || severity.isBlank() ? null : severity;
        String query = q == null || q.isBlank() ? null : q.strip();
        Map<String, Object> result =
                Upstream.object(incidents.dashboard(query, sev, s, drill ? "only" : "exclude", 0, 100));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("q", query == null ? "" : query);
        filters.put("severity", sev == null ? "" : sev);
        filters.put("sort", s == null ? "" : s);
        filters.put("drill", drill);
        StringBuilder qs = new StringBuilder("?drill=").append(drill);
        if (query != null) {
            qs.append("&q=").append(java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (sev != null) {
            qs.append("&severity=").append(java.net.URLEncoder.encode(sev, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (s != null) {
            qs.append("&sort=").append(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8));
        }
        return page.of(template, "dashboard.title", WHO)
                .data("result", result)
                .data("filters", filters)
                .data("query", qs.toString());
    }

    @GET
    @Path("kpis")
    public TemplateInstance kpis() {
        Map<String, Object> result = Upstream.object(incidents.kpis());
        return page.of(kpis, "kpis.title", WHO).data("kpis", result).data("kpiJson", Upstream.json(result));
    }
}
