package jp.horenso.incident.dashboard.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.cases.Severity;

/**
 * A hop waiting for the caller's acknowledgement, with what the inbox needs of its case. The caller may not be able
 * to open the case (a deputy from another section): number, title, severity and drill come along for that reason,
 * nothing more of the case.
 *
 * @param overdue the deadline passed (the chain has escalated; a late acknowledgement is still recorded)
 * @param deputyFor the holder the caller stands in for as deputy (代理者), else null
 */
public record AwaitingHop(
        UUID incidentId,
        String number,
        String title,
        Severity severity,
        boolean drill,
        UUID hopId,
        String step,
        String trigger,
        OffsetDateTime openedAt,
        OffsetDateTime ackDeadline,
        boolean overdue,
        String deputyFor) {}
