package jp.horenso.escalation.common.problem;

/**
 * A failure to be answered as problem+json, with its text in Japanese and English (the caller's
 * {@code Accept-Language} picks one; Japanese by default).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final Text title;
    private final Text detail;

    public ProblemException(int status, String type, Text title, Text detail) {
        super(detail.en());
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    /** 404: what does not exist or what the caller may not see (the two are not told apart). */
    public static ProblemException notFound(Text detail) {
        return new ProblemException(404, "https://horenso.example.jp/problems/not-found",
                new Text("見つかりません", "Not found"), detail);
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

    /** A human text in both languages. */
    public record Text(String ja, String en) {

        public String in(boolean english) {
            return english ? en : ja;
        }
    }
}
