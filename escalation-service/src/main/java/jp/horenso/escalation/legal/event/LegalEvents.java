package jp.horenso.escalation.legal.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalReport;

/**
 * The {@code data} of the legal-clock events this service publishes on {@code horenso.escalation-events}, as
 * docs/events/schemas describes them.
 */
public final class LegalEvents {

    private LegalEvents() {
    }

    /** A legal report is due soon; the CSIRT and the security lead were reminded. */
    public record LegalDeadlineApproaching(UUID incidentId, String incidentNumber, String code, LegalReport report,
            String reportTo, Instant dueAt, Instant remindedAt, List<Person> reminded, boolean drill) {
    }

    /** A legal report was not submitted by its deadline; the CISO was told. */
    public record LegalDeadlineMissed(UUID incidentId, String incidentNumber, String code, LegalReport report,
            String reportTo, Instant dueAt, Instant missedAt, List<Person> escalatedTo, boolean drill) {
    }

    /** Someone told. */
    public record Person(String username, String email, String name) {
    }
}
