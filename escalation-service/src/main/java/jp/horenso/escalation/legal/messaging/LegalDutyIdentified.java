package jp.horenso.escalation.legal.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The {@code data} of {@code jp.horenso.LegalDutyIdentified}: a legal report duty applies to a case, with its
 * deadlines (calendar days from discovery, computed by incident-service from its legal rule set).
 */
public record LegalDutyIdentified(
        @NotNull UUID incidentId,
        @NotBlank String incidentNumber,
        @NotBlank String code,
        @NotBlank String recipient,
        @NotBlank String source,
        @NotNull OffsetDateTime discoveredAt,
        @NotNull OffsetDateTime promptDueAt,
        @NotNull OffsetDateTime promptReminderAt,
        @NotNull OffsetDateTime finalDueAt,
        @NotNull Boolean drill,
        OffsetDateTime personsNoticeDueAt) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "LegalDutyIdentified";
}
