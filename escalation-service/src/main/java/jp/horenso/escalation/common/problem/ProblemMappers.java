package jp.horenso.escalation.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into RFC 9457 problem+json responses in the caller's language. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        boolean english = prefersEnglish(headers);
        List<Problem.FieldError> errors = e.errors() == null ? null : e.errors().stream()
                .map(error -> new Problem.FieldError(error.field(), error.line(), error.message().in(english)))
                .toList();
        return respond(new Problem(e.type(), e.title().in(english), e.status(), e.detail().in(english),
                uri.getPath(), errors));
    }

    /** A body that is not the JSON expected: say where, when Jackson knows. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        List<ProblemException.Invalid> errors = field == null || field.isEmpty() ? null
                : List.of(new ProblemException.Invalid(field, null, new ProblemException.Text(
                        "値を読めません: " + e.getOriginalMessage(), "Unreadable value: " + e.getOriginalMessage())));
        return problem(ProblemException.badRequest(new ProblemException.Text(
                "本文を JSON として読めません。", "The body cannot be read as the expected JSON."), errors), headers, uri);
    }

    /** A request body or parameter breaking its constraints: every violation, named by its field. */
    @ServerExceptionMapper
    public Response violated(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<ProblemException.Invalid> errors = e.getConstraintViolations().stream()
                .map(v -> new ProblemException.Invalid(field(v.getPropertyPath().toString()), null,
                        new ProblemException.Text(v.getMessage(), v.getMessage())))
                .sorted(Comparator.comparing(ProblemException.Invalid::field))
                .toList();
        return problem(ProblemException.badRequest(new ProblemException.Text(
                "リクエストの内容に誤りがあります。", "The request is not valid."), errors), headers, uri);
    }

    /** {@code add.request.username} → {@code username}: the method and parameter names say nothing to a caller. */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }

    /** Quarkus maps these itself (as plain JSON); ours answers problem+json. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return unreadable(e, headers, uri);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
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
