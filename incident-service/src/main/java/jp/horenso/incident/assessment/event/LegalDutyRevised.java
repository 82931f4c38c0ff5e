package jp.horenso.incident.assessment.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An open legal duty's deadlines moved because a fact of the case changed (e.g. 規則43条3号). */
public record LegalDutyRevised(
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
        boolean drill,
        List<String> reasons,
        OffsetDateTime revisedAt) {

    public static final String NAME = "LegalDutyRevised";
}
