package jp.horenso.escalation.hop.messaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.IncidentReported}: a person filed a report; the case exists. */
public record IncidentReported(
        @NotNull UUID incidentId,
        @NotBlank String number,
        @NotBlank String organisation,
        @NotBlank String reporterType,
        @NotNull @Valid Actor reportedBy,
        @NotBlank String unit,
        String department,
        Instant occurredAt,
        Instant discoveredAt,
        @NotNull Instant reportedAt,
        String severity,
        @NotNull Boolean drill) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "IncidentReported";

    /** Who did something, as the identity provider knows them. */
    public record Actor(@NotBlank String username, String unit, String department, List<String> roles) {

        public List<String> rolesOrNone() {
            return roles == null ? List.of() : roles;
        }
    }
}
