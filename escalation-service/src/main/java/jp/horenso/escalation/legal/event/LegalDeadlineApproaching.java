package jp.horenso.escalation.legal.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalReport;

/** A legal report is due soon; the CSIRT and the security lead were reminded. */
public record LegalDeadlineApproaching(
        UUID incidentId,
        String incidentNumber,
        String code,
        LegalReport report,
        String reportTo,
        Instant dueAt,
        Instant remindedAt,
        List<PersonTold> reminded,
        boolean drill) {

    public static final String NAME = "LegalDeadlineApproaching";
}
