package jp.horenso.escalation.legal.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data} of {@code jp.horenso.LegalDutyRevised}: the CSIRT changed a fact after a duty was identified
 * (e.g. improper purpose found later) and incident-service recomputed its deadlines, with the reasons.
 */
public record LegalDutyRevised(
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
        OffsetDateTime personsNoticeDueAt,
        List<String> reasons) {

    /** The event name in the CloudEvent {@code type}. */
    public static final String NAME = "LegalDutyRevised";

    /** The same deadlines as an identification (a revision of a duty this service never saw starts its clock). */
    public LegalDutyIdentified asIdentified() {
        return new LegalDutyIdentified(
                incidentId,
                incidentNumber,
                code,
                recipient,
                source,
                discoveredAt,
                promptDueAt,
                promptReminderAt,
                finalDueAt,
                drill,
                personsNoticeDueAt);
    }
}
