package jp.horenso.platform.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure answered as problem+json: an HTTP status, a problem type (the last segment of its URI), a title (by
 * default the status's) and a detail, each in Japanese and English, and the fields at fault.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final transient Message title;
    private final transient Message detail;
    private final transient List<FieldProblem> errors;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    /** A problem whose type is {@code key} and whose detail is that key of the service's bundle. */
    public ProblemException(int status, String key, Object... args) {
        this(status, key, null, Message.key(key, args), null);
    }

    public ProblemException(int status, String type, Message title, Message detail, List<FieldProblem> errors) {
        super(type + ": " + detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** 400: the request cannot be used as it is, for every reason in {@code errors}. */
    public static ProblemException badRequest(Message detail, List<FieldProblem> errors) {
        return new ProblemException(400, "validation", null, detail, errors);
    }

    /** 400 for fields that passed Bean Validation but break a rule only the service can check. */
    public static ProblemException invalidFields(List<FieldProblem> errors) {
        return badRequest(Message.key("validation.detail", errors.size()), errors);
    }

    /** 403: the caller's role may call, but not for this case, unit or organisation. */
    public static ProblemException forbidden(Message detail) {
        return new ProblemException(403, "forbidden", null, detail, null);
    }

    /** 404: what does not exist or what the caller may not see (the two are not told apart). */
    public static ProblemException notFound(Message detail) {
        return new ProblemException(404, "not-found", null, detail, null);
    }

    /** 409: the request conflicts with the resource's current state. */
    public static ProblemException conflict(String type, Message detail) {
        return new ProblemException(409, type, null, detail, null);
    }

    /** 412: the caller's {@code If-Match} names a version that is no longer the current one. */
    public static ProblemException preconditionFailed(Message detail) {
        return new ProblemException(412, "precondition-failed", null, detail, null);
    }

    /** 422: the request was read but is refused, for every reason listed in {@code errors}. */
    public static ProblemException unprocessable(
            String type, Message title, Message detail, List<FieldProblem> errors) {
        return new ProblemException(422, type, title, detail, errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** The title, or null for the status's own. */
    public Message title() {
        return title;
    }

    public Message detail() {
        return detail;
    }

    /** Adds a header to the problem's response (e.g. the {@code Retry-After} of a 429); returns this problem. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The headers the problem's response carries besides its own. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** What is wrong, where; null when the problem is not about the request's content. */
    public List<FieldProblem> errors() {
        return errors;
    }
}
