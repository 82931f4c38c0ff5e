package jp.horenso.incident.response.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import jp.horenso.incident.response.ResponseAction;

/**
 * A new response action (第44条3–4項). Exactly one of {@code ownerUnit} and {@code ownerPerson} names who carries it
 * out.
 *
 * @param ownerUnit section code of the owning unit, e.g. {@code general-affairs-section}
 * @param ownerPerson user name of the owning person, e.g. {@code chief1}
 * @param status where it stands when recorded: PLANNED (default), or IN_PROGRESS / DONE for a measure already under
 *     way or taken (e.g. a network cable already pulled); never CANCELLED
 */
public record ResponseActionRequest(
        @NotNull ResponseAction.Kind kind,
        @NotBlank @Size(max = 2000) String description,

        @Size(max = 100) @Pattern(regexp = ResponseActionRequest.CODE, message = "{horenso.validation.code}")
        String ownerUnit,

        @Size(max = 100) @Pattern(regexp = ResponseActionRequest.CODE, message = "{horenso.validation.code}")
        String ownerPerson,

        LocalDate dueDate,
        ResponseAction.Status status) {

    /** Unit codes and user names: letters, digits and . _ @ - (as Keycloak and the directory write them). */
    public static final String CODE = "^[A-Za-z0-9][A-Za-z0-9._@-]*$";
}
