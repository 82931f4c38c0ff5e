package jp.horenso.notification.common.problem;

import java.util.List;

/** A request the service refuses, with its text in Japanese and English; mapped to problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String titleJa;
    private final String titleEn;
    private final String detailJa;
    private final String detailEn;
    private final List<FieldText> errors;

    /** One invalid field, explained in both languages. */
    public record FieldText(String field, String ja, String en) {
    }

    public ProblemException(int status, String titleJa, String titleEn, String detailJa, String detailEn,
            List<FieldText> errors) {
        super(titleEn + ": " + detailEn);
        this.status = status;
        this.titleJa = titleJa;
        this.titleEn = titleEn;
        this.detailJa = detailJa;
        this.detailEn = detailEn;
        this.errors = errors;
    }

    /** 400 with one entry per invalid field. */
    public static ProblemException invalid(List<FieldText> errors) {
        return new ProblemException(400, "入力が正しくありません", "Invalid input", "リクエストの内容を確認してください。",
                "Please check the request.", errors);
    }

    /** 404: what does not exist, or what the caller may not see. */
    public static ProblemException notFound(String detailJa, String detailEn) {
        return new ProblemException(404, "見つかりません", "Not found", detailJa, detailEn, List.of());
    }

    /** The problem in the caller's language. */
    public Problem toProblem(Language language, String instance) {
        List<Problem.FieldError> fields = errors.isEmpty() ? null : errors.stream()
                .map(e -> new Problem.FieldError(e.field(), language.pick(e.ja(), e.en()))).toList();
        return new Problem("about:blank", language.pick(titleJa, titleEn), status, language.pick(detailJa, detailEn),
                instance, fields);
    }

    public int getStatus() {
        return status;
    }
}
