package jp.horenso.escalation.hop.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/** The {@code data} of {@code jp.horenso.SeverityAssessed}: a case's severity changed (computed or overridden). */
public record SeverityAssessed(
        @NotNull UUID incidentId,

        @NotBlank @Pattern(regexp = "LOW|MEDIUM|HIGH|CRITICAL")
        String severity,

        String computedSeverity,
        Boolean overridden,
        String assessedBy,
        Boolean drill) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "SeverityAssessed";
}
