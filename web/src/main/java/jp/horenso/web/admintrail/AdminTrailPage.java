package jp.horenso.web.admintrail;

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
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jp.horenso.web.common.Me;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;
import jp.horenso.web.common.Upstream;
import jp.horenso.web.common.UpstreamException;
import jp.horenso.web.upstream.AdminTrailApi;
import jp.horenso.web.upstream.EscalationApi;
import jp.horenso.web.upstream.IncidentApi;
import jp.horenso.web.upstream.NotificationApi;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * 管理操作の記録 / The administrative trail of each service (directory imports, chain versions, absences, delivery
 * settings, onboarding), newest first, with the verification of each hash chain. The security lead and the auditor
 * see their own organisation's (the services decide); the installation administrator names the organisation.
 */
@Path("/admin/trail")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SECURITY_LEAD, Roles.AUDITOR, Roles.INSTALLATION_ADMIN})
public class AdminTrailPage {

    static final List<String> WHO = List.of(Roles.SECURITY_LEAD, Roles.AUDITOR, Roles.INSTALLATION_ADMIN);
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final int SHOWN = 100;

    @Inject
    Page page;

    @Inject
    @RestClient
    IncidentApi incident;

    @Inject
    @RestClient
    EscalationApi escalation;

    @Inject
    @RestClient
    NotificationApi notification;

    @Inject
    @Location("admin-trail.html")
    Template template;

    @GET
    public TemplateInstance show(@QueryParam("organisation") String requested) {
        Me me = page.me();
        // Only the installation administrator names an organisation; everyone else reads their own.
        String organisation = me.organisation() == null ? requested : null;
        boolean asked = me.organisation() != null || (requested != null && !requested.isBlank());
        List<Map<String, Object>> services = new ArrayList<>();
        String invalid = null;
        if (me.organisation() == null && asked && !CODE.matcher(requested).matches()) {
            invalid = "adminTrail.organisation.invalid";
        } else if (asked) {
            services.add(trail("incident-service", incident, organisation));
            services.add(trail("escalation-service", escalation, organisation));
            services.add(trail("notification-service", notification, organisation));
        }
        return page.of(template, "adminTrail.title", WHO)
                .data("organisation", me.organisation() != null ? me.organisation() : requested)
                .data("namesOrganisation", me.organisation() == null)
                .data("invalid", invalid)
                .data("services", services);
    }

    private Map<String, Object> trail(String service, AdminTrailApi api, String organisation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", service);
        out.put("entries", call(() -> api.adminTrail(organisation, SHOWN), Upstream::list, out, "entriesProblem"));
        out.put("verification", call(() -> api.verifyAdminTrail(organisation), Upstream::object, out, "verifyProblem"));
        return out;
    }

    /** A service's answer, or (when it refused or failed) nothing and its explanation under {@code problemKey}. */
    private static <T> T call(
            Supplier<Response> request,
            java.util.function.Function<Response, T> read,
            Map<String, Object> out,
            String problemKey) {
        try {
            return read.apply(request.get());
        } catch (UpstreamException e) {
            out.put(problemKey, e.status() + " " + e.detail());
            return null;
        } catch (RuntimeException e) {
            out.put(problemKey, String.valueOf(e.getMessage()));
            return null;
        }
    }
}
