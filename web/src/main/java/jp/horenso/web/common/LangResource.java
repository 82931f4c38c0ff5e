package jp.horenso.web.common;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The language switch on every page: sets the cookie and returns to the same page. Anyone may use it. */
@Path("/lang")
@PermitAll
public class LangResource {

    @GET
    public Response switchTo(@QueryParam("to") String to, @QueryParam("back") String back) {
        String lang = "en".equals(to) ? "en" : "ja";
        // Only a path of this console: never an open redirect.
        String target =
                back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        NewCookie cookie = new NewCookie.Builder(Lang.COOKIE)
                .value(lang)
                .path("/")
                .maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX)
                .httpOnly(true)
                .build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }
}
