package jp.horenso.escalation.common.problem;

import java.util.List;

/**
 * A failure to be answered as problem+json, with its text in Japanese and English (the caller's
 * {@code Accept-Language} picks one; Japanese by default).
 */
public class ProblemException extends RuntimeException {

    private static final String TYPES = "https://horenso.example.jp/problems/";

    private final int status;
    private final String type;
    private final Text title;
    private final Text detail;
    private final List<Invalid> errors;

    public ProblemException(int status, String type, Text title, Text detail) {
        this(status, type, title, detail, null);
    }

    public ProblemException(int status, String type, Text title, Text detail, List<Invalid> errors) {
        super(detail.en());
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** 404: what does not exist or what the caller may not see (the two are not told apart). */
    public static ProblemException notFound(Text detail) {
        return new ProblemException(404, TYPES + "not-found", new Text("見つかりません", "Not found"), detail);
    }

    /** 403: the caller's role may call, but not for this case or unit. */
    public static ProblemException forbidden(Text detail) {
        return new ProblemException(403, TYPES + "forbidden", new Text("権限がありません", "Forbidden"), detail);
    }

    /** 400: the request cannot be read. */
    public static ProblemException badRequest(Text detail, List<Invalid> errors) {
        return new ProblemException(400, TYPES + "bad-request", new Text("リクエストを読めません", "Bad request"),
                detail, errors);
    }

    /** 412: the caller's {@code If-Match} names a version that is no longer the current one. */
    public static ProblemException preconditionFailed(Text detail) {
        return new ProblemException(412, TYPES + "precondition-failed",
                new Text("前提条件が満たされていません", "Precondition failed"), detail);
    }

    /** 422: the request was read but is refused, for every reason listed in {@code errors}. */
    public static ProblemException invalid(String kind, Text title, Text detail, List<Invalid> errors) {
        return new ProblemException(422, TYPES + kind, title, detail, errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Text title() {
        return title;
    }

    public Text detail() {
        return detail;
    }

    /** What is wrong, where; null when the problem is not about the request's content. */
    public List<Invalid> errors() {
        return errors;
    }

    /** A human text in both languages. */
    public record Text(String ja, String en) {

        public String in(boolean english) {
            return english ? en : ja;
        }
    }

    /** One thing wrong with a request: where ({@code field}, and {@code line} for a file) and what. */
    public record Invalid(String field, Integer line, Text message) {
    }
}
