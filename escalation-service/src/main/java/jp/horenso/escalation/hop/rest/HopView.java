package jp.horenso.escalation.hop.rest;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.CancelReason;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.SkipReason;

/** A hop as the API shows it. */
public record HopView(
        UUID hopId,
        String chainStep,
        Position step,
        Recipient recipient,
        HopStatus status,
        Instant openedAt,
        Instant ackDeadline,
        Instant acknowledgedAt,
        String acknowledgedBy,
        boolean late,
        Instant timedOutAt,
        UUID escalatedFrom,
        SkipReason skipReason,
        HopTrigger trigger,
        int attempt,
        boolean deputy,
        String deputyFor,
        UUID forwardedFrom,
        Instant cancelledAt,
        CancelReason cancelReason) {

    /** Whom the hop is addressed to; null for a step that reached nobody. */
    public record Recipient(String username, String name, String email) {}

    public static HopView of(Hop hop) {
        Recipient recipient = hop.recipientUsername() == null
                ? null
                : new Recipient(hop.recipientUsername(), hop.recipientName(), hop.recipientEmail());
        return new HopView(
                hop.id(),
                hop.chainStep(),
                hop.step(),
                recipient,
                hop.status(),
                hop.openedAt(),
                hop.ackDeadline(),
                hop.acknowledgedAt(),
                hop.acknowledgedBy(),
                hop.late(),
                hop.timedOutAt(),
                hop.escalatedFrom(),
                hop.skipReason(),
                hop.trigger(),
                hop.attempt(),
                hop.asDeputy(),
                hop.deputyFor(),
                hop.forwardedFrom(),
                hop.cancelledAt(),
                hop.cancelReason());
    }
}
