package jp.horenso.notification.common.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns invalid request input into a 400 problem+json with one entry per invalid field. */
public class ValidationProblemMapper {

    @ServerExceptionMapper
    public Response toProblem(ConstraintViolationException exception, HttpHeaders headers, UriInfo uri) {
        Language language = Language.of(headers);
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        Problem problem = new Problem("about:blank",
                language.pick("入力が正しくありません", "Invalid input"),
                Response.Status.BAD_REQUEST.getStatusCode(),
                language.pick("リクエストの内容を確認してください。", "Please check the request."),
                uri.getRequestUri().getRawPath(), errors);
        return Response.status(Response.Status.BAD_REQUEST).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The parameter or property name, without the method path in front of it. */
    private static String field(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            field = node.getName();
        }
        return field == null ? "" : field;
    }
}
