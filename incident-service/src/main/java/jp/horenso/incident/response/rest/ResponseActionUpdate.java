package jp.horenso.incident.response.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import jp.horenso.incident.response.ResponseAction;

/**
 * The new state of a response action, replacing the old one (its kind never changes). Send it with
 * {@code If-Match} carrying the action's ETag. A due date left out is cleared.
 */
public record ResponseActionUpdate(
        @NotBlank @Size(max = 2000) String description,

        @Size(max = 100) @Pattern(regexp = ResponseActionRequest.CODE, message = "{horenso.validation.code}")
        String ownerUnit,

        @Size(max = 100) @Pattern(regexp = ResponseActionRequest.CODE, message = "{horenso.validation.code}")
        String ownerPerson,

        LocalDate dueDate,
        @NotNull ResponseAction.Status status) {}
