package jp.horenso.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}), with two extension members: {@code errors} (what
 * is wrong with which field) and {@code correlationId} (the id under which the failure is logged).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        String correlationId) {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Where the problem types are described. */
    public static final String TYPE_BASE = "https://horenso.example.jp/problems/";

    /** One invalid field; {@code line} is the line of an imported file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, Integer line, String message) {}
}
