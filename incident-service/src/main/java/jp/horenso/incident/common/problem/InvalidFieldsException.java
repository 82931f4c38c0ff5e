package jp.horenso.incident.common.problem;

import java.util.List;

/** A request that passed Bean Validation but breaks a rule only the service can check (e.g. a classification level). */
public class InvalidFieldsException extends RuntimeException {

    /** One bad field and the message key (with arguments) that explains it. */
    public record Invalid(String field, String key, Object... args) {
    }

    private final transient List<Invalid> fields;

    public InvalidFieldsException(List<Invalid> fields) {
        super(fields.toString());
        this.fields = List.copyOf(fields);
    }

    public List<Invalid> fields() {
        return fields;
    }
}
