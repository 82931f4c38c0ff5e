package jp.horenso.incident.dashboard.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.chain.rest.HopView;

/**
 * One page of the CSIRT dashboard.
 *
 * @param total how many cases match (with the drill choice applied)
 * @param drills how many drill cases match the same filters, shown apart (第48条)
 * @param totalIsLowerBound true when a text search ({@code q}) matched more than 1,000 cases: only the first 1,001
 *     matches were counted, so {@code total} (at most 1,000) and {@code drills} are lower bounds
 */
public record DashboardPage(List<Row> items, long total, long drills, boolean totalIsLowerBound) {

    /** What the CSIRT must do next: the phase the response has reached. */
    public enum ResponsePhase {
        NONE,
        CONTAINMENT,
        RECOVERY,
        RECURRENCE_PREVENTION,
        CISO_REVIEW,
        CLOSED
    }

    /**
     * A case on the dashboard.
     *
     * @param chainPosition the open hop with the soonest deadline, null when no hop is open
     * @param openHops how many hops of the case are open
     * @param nextLegalDeadline the soonest legal report still due, null when no legal clock runs
     */
    public record Row(
            UUID incidentId,
            String number,
            String title,
            String unit,
            Severity severity,
            IncidentState status,
            boolean drill,
            OffsetDateTime reportedAt,
            ChainPosition chainPosition,
            long openHops,
            LegalDeadline nextLegalDeadline,
            ResponsePhase responsePhase) {}

    /** Who must acknowledge by when. */
    public record ChainPosition(
            String step, HopView.Recipient recipient, OffsetDateTime ackDeadline, boolean overdue) {}

    /**
     * A legal clock (regulatory.md R1/R2).
     *
     * @param report PROMPT (速報), FINAL (確報) or PERSONS_NOTICE (本人通知)
     */
    public record LegalDeadline(String code, String report, OffsetDateTime dueAt, boolean overdue) {}
}
