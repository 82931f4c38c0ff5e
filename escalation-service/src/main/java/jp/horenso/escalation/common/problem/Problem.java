package jp.horenso.escalation.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem detail ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request; {@code line} is the line of an imported file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, Integer line, String message) {
    }
}
