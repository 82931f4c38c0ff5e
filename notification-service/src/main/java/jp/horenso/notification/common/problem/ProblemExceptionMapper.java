package jp.horenso.notification.common.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a {@link ProblemException} into problem+json in the caller's language. */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response toProblem(ProblemException exception, HttpHeaders headers, UriInfo uri) {
        return Response.status(exception.getStatus()).type(Problem.MEDIA_TYPE)
                .entity(exception.toProblem(Language.of(headers), uri.getRequestUri().getRawPath())).build();
    }
}
