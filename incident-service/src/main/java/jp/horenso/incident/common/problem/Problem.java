package jp.horenso.incident.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, with the list of bad fields for validation errors.
 *
 * @param type a URI naming the kind of problem
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad field: its JSON path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
