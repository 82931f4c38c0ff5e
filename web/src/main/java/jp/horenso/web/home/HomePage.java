package jp.horenso.web.home;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import jp.horenso.web.common.Me;
import jp.horenso.web.common.Page;
import jp.horenso.web.common.Roles;

/** The start page: each person lands where their work is. Anyone signed in. */
@Path("/")
public class HomePage {

    @Inject
    Page page;

    @Inject
    @Location("signed-out.html")
    Template signedOut;

    @GET
    @Authenticated
    public Response home() {
        Me me = page.me();
        if (me.isInstallationAdmin() && me.organisation() == null) {
            return Response.seeOther(URI.create("/admin/organisations")).build();
        }
        String target = me.has(Roles.CSIRT) || me.has(Roles.SECURITY_LEAD)
                ? "/dashboard"
                : me.isCiso()
                        ? "/review"
                        : me.has(Roles.SECTION_CHIEF) || me.has(Roles.DEPARTMENT_HEAD)
                                ? "/inbox"
                                : me.has(Roles.AUDITOR) ? "/audit" : "/report";
        return Response.seeOther(URI.create(target)).build();
    }

    /** After log-out: anyone. */
    @GET
    @PermitAll
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return page.of(signedOut, "signedOut.title", List.of());
    }
}
