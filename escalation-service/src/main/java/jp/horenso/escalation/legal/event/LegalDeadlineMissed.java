package jp.horenso.escalation.legal.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalReport;

/** A legal report was not submitted by its deadline; the CISO was told. */
public record LegalDeadlineMissed(
        UUID incidentId,
        String incidentNumber,
        String code,
        LegalReport report,
        String reportTo,
        Instant dueAt,
        Instant missedAt,
        List<PersonTold> escalatedTo,
        boolean drill) {

    public static final String NAME = "LegalDeadlineMissed";
}
