package jp.horenso.web.common;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A person who may not use a page gets a page saying so (403) in their language, with who may use it; a service's
 * refusal or failure becomes a page with its explanation instead of a stack trace.
 */
public class ErrorPages {

    @Inject
    Page page;

    @Inject
    @Location("error.html")
    Template error;

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(ForbiddenException e) {
        return render(403, "error.forbidden.title", "error.forbidden.text", null);
    }

    /** A token without organisation: 403, said in Japanese and English whatever the language chosen. */
    @ServerExceptionMapper(OrganisationGate.WithoutOrganisationException.class)
    public Response withoutOrganisation(OrganisationGate.WithoutOrganisationException e) {
        String html = page.refusal(error, "error.noOrganisation.title")
                .data("status", 403)
                .data("textKey", "error.noOrganisation.text")
                .data("detail", null)
                .data(
                        "bilingual",
                        java.util.Map.of(
                                "ja", Texts.get(Texts.JAPANESE, "error.noOrganisation.text"),
                                "en", Texts.get(java.util.Locale.ENGLISH, "error.noOrganisation.text")))
                .data("code", "caller.without-organisation")
                .render();
        return Response.status(403)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .build();
    }

    @ServerExceptionMapper(UpstreamException.class)
    public Response upstream(UpstreamException e) {
        return switch (e.status()) {
            case 401, 403 -> render(403, "error.forbidden.title", "error.forbidden.text", e.detail());
            case 404 -> render(404, "error.notFound.title", "error.notFound.text", e.detail());
            case 412 -> render(412, "error.conflict.title", "error.conflict.text", e.detail());
            default ->
                render(e.status() >= 500 ? 502 : e.status(), "error.upstream.title", "error.upstream.text", e.detail());
        };
    }

    private Response render(int status, String titleKey, String textKey, String detail) {
        String html = page.refusal(error, titleKey)
                .data("status", status)
                .data("textKey", textKey)
                .data("detail", detail)
                .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .build();
    }
}
