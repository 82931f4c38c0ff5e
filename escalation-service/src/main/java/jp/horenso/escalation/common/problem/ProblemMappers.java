package jp.horenso.escalation.common.problem;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into RFC 9457 problem+json responses in the caller's language. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        boolean english = prefersEnglish(headers);
        return respond(new Problem(e.type(), e.title().in(english), e.status(), e.detail().in(english),
                uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpHeaders headers, UriInfo uri) {
        return problem(ProblemException.notFound(new ProblemException.Text(
                "指定されたリソースはありません。", "No such resource.")), headers, uri);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Japanese unless the caller ranks English above Japanese. */
    static boolean prefersEnglish(HttpHeaders headers) {
        for (Locale locale : headers.getAcceptableLanguages()) {
            if ("en".equals(locale.getLanguage())) {
                return true;
            }
            if ("ja".equals(locale.getLanguage())) {
                return false;
            }
        }
        return false;
    }
}
