package jp.horenso.incident.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of the API into an RFC 9457 problem+json response in Japanese or English. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_BASE = "https://horenso.example.jp/problems/";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return respond(new Problem(TYPE_BASE + e.key(), ProblemMessages.text(locale, "title." + e.status()),
                e.status(), ProblemMessages.text(locale, e.key(), e.args()), uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .collect(Collectors.toList());
        return validation(locale, uri, errors);
    }

    @ServerExceptionMapper
    public Response invalidFields(InvalidFieldsException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return validation(locale, uri, e.fields().stream()
                .map(f -> new Problem.FieldError(f.field(), ProblemMessages.text(locale, f.key(), f.args())))
                .collect(Collectors.toList()));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return validation(locale, uri, List.of(new Problem.FieldError(pathOf(e),
                ProblemMessages.text(locale, "field.unknown"))));
    }

    @ServerExceptionMapper
    public Response badValue(InvalidFormatException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return validation(locale, uri, List.of(new Problem.FieldError(pathOf(e), badValueMessage(locale, e))));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        if (unreadableJson(e)) {
            return unreadable(null, headers, uri);
        }
        return validation(locale, uri, List.of(new Problem.FieldError(pathOf(e), badValueMessage(locale, e))));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        if (unreadableJson(e)) {
            return unreadable(null, headers, uri);
        }
        return validation(locale, uri, List.of(new Problem.FieldError(pathOf(e), badValueMessage(locale, e))));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonParseException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return validation(locale, uri, List.of(new Problem.FieldError("body",
                ProblemMessages.text(locale, "body.not-json"))));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        return unreadable(null, headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return respond(new Problem(TYPE_BASE + "unauthorized", ProblemMessages.text(locale, "title.401"), 401,
                ProblemMessages.text(locale, "auth.required"), uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.localeOf(headers);
        return respond(new Problem(TYPE_BASE + "forbidden", ProblemMessages.text(locale, "title.403"), 403,
                ProblemMessages.text(locale, "auth.forbidden"), uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Locale locale = ProblemMessages.localeOf(headers);
        if (e.getCause() instanceof JsonMappingException mapping) {
            return mapping(mapping, headers, uri);
        }
        if (status == 400) {
            // The body could not be read at all (truncated, not JSON, wrong encoding).
            return validation(locale, uri, List.of(new Problem.FieldError("body",
                    ProblemMessages.text(locale, "body.not-json"))));
        }
        String key = status == 404 ? "http.not-found" : "http.other";
        return respond(new Problem(TYPE_BASE + "http-" + status, ProblemMessages.text(locale, "title.other"),
                status, ProblemMessages.text(locale, key, status), uri.getPath(), null));
    }

    /** Truncated or broken JSON is a problem of the whole body, whatever field Jackson was reading. */
    private static boolean unreadableJson(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }

    private static Response validation(Locale locale, UriInfo uri, List<Problem.FieldError> errors) {
        return respond(new Problem(TYPE_BASE + "validation", ProblemMessages.text(locale, "title.400"), 400,
                ProblemMessages.text(locale, "validation.detail", errors.size()), uri.getPath(), errors));
    }

    private static Response respond(Problem problem) {
        if (problem.status() >= 500) {
            LOG.error(problem.detail());
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String badValueMessage(Locale locale, JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target != null && target.isEnum()) {
            String allowed = java.util.Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return ProblemMessages.text(locale, "field.enum", allowed);
        }
        if (target != null && java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return ProblemMessages.text(locale, "field.datetime");
        }
        return ProblemMessages.text(locale, "field.type");
    }

    /** The JSON path of the offending field, e.g. {@code title} or {@code assets[0].name}. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /** The field path of a violation without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName();
                if (node.getIndex() != null) {
                    name = name + "[" + node.getIndex() + "]";
                }
                names.add(name);
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
