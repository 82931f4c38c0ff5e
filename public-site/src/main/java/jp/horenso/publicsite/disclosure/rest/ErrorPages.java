package jp.horenso.publicsite.disclosure.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jp.horenso.publicsite.disclosure.client.IncidentServiceClient;
import jp.horenso.publicsite.site.SiteTexts;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The site's own pages for "not found" (404) and "incident-service not available" (503), in the page's language. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Template error;

    public ErrorPages(@Location("pages/error.html") Template error) {
        this.error = error;
    }

    @ServerExceptionMapper
    public Response notFound(DisclosurePages.PageNotFoundException e, UriInfo uri) {
        return page(404, "error.notFound", uri);
    }

    @ServerExceptionMapper
    public Response noRoute(NotFoundException e, UriInfo uri) {
        return page(404, "error.notFound", uri);
    }

    @ServerExceptionMapper
    public Response unavailable(IncidentServiceClient.UpstreamUnavailableException e, UriInfo uri) {
        LOG.warnf("public page %s not available: %s", uri.getPath(), e.getMessage());
        return page(503, "error.unavailable", uri);
    }

    private Response page(int status, String key, UriInfo uri) {
        SiteTexts t = SiteTexts.of(uri.getQueryParameters().getFirst("lang"));
        String html = error.data("lang", t.lang())
                .data("t", t.all())
                .data("siteName", t.t("site.name"))
                .data("homeUrl", "en".equals(t.lang()) ? "/?lang=en" : "/")
                .data("switchUrl", "en".equals(t.lang()) ? "/" : "/?lang=en")
                .data("heading", t.t(key + ".title"))
                .data("text", t.t(key + ".text"))
                .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(html)
                .build();
    }
}
