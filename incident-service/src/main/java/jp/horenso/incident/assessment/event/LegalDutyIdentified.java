package jp.horenso.incident.assessment.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A legal reporting duty applies to the case; its deadlines are counted in Japan time from discovery. */
public record LegalDutyIdentified(
        UUID incidentId,
        String incidentNumber,
        String code,
        String recipient,
        String source,
        OffsetDateTime discoveredAt,
        OffsetDateTime promptDueAt,
        OffsetDateTime promptReminderAt,
        OffsetDateTime finalDueAt,
        OffsetDateTime personsNoticeDueAt,
        boolean drill) {

    public static final String NAME = "LegalDutyIdentified";
}
