package jp.horenso.platform.problem;

/** One thing wrong with a request: where ({@code field}, and {@code line} of an imported file) and what. */
public record FieldProblem(String field, Integer line, Message message) {

    public static FieldProblem of(String field, Message message) {
        return new FieldProblem(field, null, message);
    }

    /** A field whose text is a key of the service's {@code problems} bundle. */
    public static FieldProblem of(String field, String key, Object... args) {
        return new FieldProblem(field, null, Message.key(key, args));
    }
}
