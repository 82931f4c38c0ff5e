package jp.horenso.publicsite.site;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The site's one style sheet; there is no script to serve. */
@Path("/assets")
public class AssetResource {

    private final byte[] css;

    public AssetResource() {
        try (InputStream in = AssetResource.class.getResourceAsStream("/assets/site.css")) {
            css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("site.css")
    @Produces("text/css;charset=utf-8")
    public Response css() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(css).cacheControl(cache).build();
    }
}
