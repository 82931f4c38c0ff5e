package jp.horenso.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a service's API into an RFC 9457 problem+json response in Japanese or English, with the
 * request's correlation id. Nothing leaves as a bare 500: an unexpected failure is logged under the correlation id
 * and answered with a problem that names it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, ContainerRequestContext request) {
        Locale locale = Languages.of(headers);
        List<Problem.FieldError> errors = e.errors() == null
                ? null
                : e.errors().stream()
                        .map(error -> new Problem.FieldError(
                                error.field(), error.line(), error.message().in(locale)))
                        .toList();
        Message title = e.title() != null ? e.title() : statusTitle(e.status());
        Response response = respond(new Problem(
                Problem.TYPE_BASE + e.type(),
                title.in(locale),
                e.status(),
                e.detail().in(locale),
                path(request),
                errors,
                CorrelationIds.of(request)));
        e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        return response;
    }

    /** A request body or parameter breaking its Bean Validation constraints: every violation, by field. */
    @ServerExceptionMapper
    public Response violated(ConstraintViolationException e, HttpHeaders headers, ContainerRequestContext request) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> FieldProblem.of(fieldOf(v), Message.text(v.getMessage(), v.getMessage())))
                .sorted(Comparator.comparing(FieldProblem::field)
                        .thenComparing(f -> f.message().toString()))
                .toList();
        return problem(ProblemException.invalidFields(errors), headers, request);
    }

    @ServerExceptionMapper
    public Response unknownField(
            UnrecognizedPropertyException e, HttpHeaders headers, ContainerRequestContext request) {
        return field(pathOf(e), Message.key("field.unknown"), headers, request);
    }

    @ServerExceptionMapper
    public Response controlCharacter(
            ControlCharacterException e, HttpHeaders headers, ContainerRequestContext request) {
        return field(pathOf(e), Message.key("field.control-character"), headers, request);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpHeaders headers, ContainerRequestContext request) {
        return mapping(e, headers, request);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, HttpHeaders headers, ContainerRequestContext request) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, headers, request);
        }
        if (e instanceof ControlCharacterException control) {
            return controlCharacter(control, headers, request);
        }
        if (unreadableJson(e)) {
            return unreadable(null, headers, request);
        }
        return field(pathOf(e), badValue(e), headers, request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonParseException e, HttpHeaders headers, ContainerRequestContext request) {
        return field("body", Message.key("body.not-json"), headers, request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers, ContainerRequestContext request) {
        return e instanceof JsonMappingException mapping
                ? mapping(mapping, headers, request)
                : unreadable(null, headers, request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, ContainerRequestContext request) {
        return problem(
                new ProblemException(401, "unauthorized", null, Message.key("auth.required"), null), headers, request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(
            AuthenticationFailedException e, HttpHeaders headers, ContainerRequestContext request) {
        return unauthorized(null, headers, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, ContainerRequestContext request) {
        return problem(ProblemException.forbidden(Message.key("auth.forbidden")), headers, request);
    }

    /** Someone else changed the row first (JPA {@code @Version}): the caller must fetch it again. */
    @ServerExceptionMapper
    public Response stale(OptimisticLockException e, HttpHeaders headers, ContainerRequestContext request) {
        return problem(ProblemException.preconditionFailed(Message.key("conflict.stale")), headers, request);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, HttpHeaders headers, ContainerRequestContext request) {
        return stale(null, headers, request);
    }

    /** 404 for an unknown path, 405, 406, 415 and the rest JAX-RS raises itself. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, ContainerRequestContext request) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return mapping(mapping, headers, request);
        }
        if (e.getCause() instanceof JsonParseException) {
            return unreadable(null, headers, request);
        }
        int status = e.getResponse().getStatus();
        if (status == 400) {
            // The body could not be read at all (truncated, not JSON, wrong encoding).
            return field("body", Message.key("body.not-json"), headers, request);
        }
        if (status >= 500) {
            return unexpected(e, headers, request);
        }
        String key = switch (status) {
            case 401 -> "auth.required";
            case 403 -> "auth.forbidden";
            case 404 -> "http.not-found";
            case 405 -> "http.not-allowed";
            case 406 -> "http.not-acceptable";
            case 415 -> "http.unsupported-media-type";
            default -> "http.other";
        };
        return problem(
                new ProblemException(status, "http-" + status, null, Message.key(key, status), null), headers, request);
    }

    /** Everything else: logged with its stack trace under the correlation id, answered 500 naming that id. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, ContainerRequestContext request) {
        if (characterNotStorable(e)) {
            return field("body", Message.key("field.control-character"), headers, request);
        }
        String correlationId = CorrelationIds.of(request);
        LOG.errorf(
                e,
                "unexpected failure of %s %s [correlationId=%s]",
                request == null ? "?" : request.getMethod(),
                path(request),
                correlationId);
        return problem(
                new ProblemException(500, "server-error", null, Message.key("server.error", correlationId), null),
                headers,
                request);
    }

    private Response field(String field, Message message, HttpHeaders headers, ContainerRequestContext request) {
        return problem(ProblemException.invalidFields(List.of(FieldProblem.of(field, message))), headers, request);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(CorrelationIds.HEADER, problem.correlationId())
                .entity(problem)
                .build();
    }

    private static Message statusTitle(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 428, 429, 500 -> Message.key("title." + status);
            default -> Message.key("title.other");
        };
    }

    /** PostgreSQL refuses NUL and invalid encodings in text (SQLSTATE 22021, 22P05): the caller's input, not ours. */
    private static boolean characterNotStorable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
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

    private static Message badValue(JsonMappingException e) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return Message.key(
                    "field.enum",
                    Arrays.stream(target.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", ")));
        }
        if (target != null && Temporal.class.isAssignableFrom(target)) {
            return Message.key("field.datetime");
        }
        return Message.key("field.type");
    }

    /** The JSON path of the offending field, e.g. {@code title} or {@code assets[0].name}. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The field path of a violation without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName();
                if (node.getIndex() != null) {
                    name = name + "[" + node.getIndex() + "]";
                }
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            // A query or path parameter is named by itself; a body's violations by the fields inside it.
            return parameter != null ? parameter : "body";
        }
        return String.join(".", names);
    }

    private static String path(ContainerRequestContext request) {
        return request == null ? null : request.getUriInfo().getPath();
    }
}
