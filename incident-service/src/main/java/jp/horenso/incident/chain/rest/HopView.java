package jp.horenso.incident.chain.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.chain.ChainHop;
import jp.horenso.incident.common.time.JapanTime;

/**
 * A hop of a case's chain as the console shows it.
 *
 * @param overdue not acknowledged (open or timed out, chain not stopped) and past its deadline
 * @param deputyFor the holder the recipient stands in for as deputy, else null
 */
public record HopView(
        UUID hopId,
        String step,
        Recipient recipient,
        String trigger,
        OffsetDateTime openedAt,
        OffsetDateTime ackDeadline,
        ChainHop.State state,
        OffsetDateTime acknowledgedAt,
        String acknowledgedBy,
        boolean overdue,
        String deputyFor) {

    /** Who the hop is addressed to: user name and display name, never an address. */
    public record Recipient(String username, String name) {}

    public static HopView of(ChainHop hop, OffsetDateTime now) {
        return new HopView(
                hop.hopId(),
                hop.step(),
                new Recipient(hop.recipientUsername(), hop.recipientName()),
                hop.trigger(),
                JapanTime.of(hop.openedAt()),
                JapanTime.of(hop.ackDeadline()),
                hop.state(),
                JapanTime.of(hop.acknowledgedAt()),
                hop.acknowledgedBy(),
                overdue(hop, now),
                hop.deputyFor());
    }

    static boolean overdue(ChainHop hop, OffsetDateTime now) {
        return (hop.state() == ChainHop.State.OPEN || hop.state() == ChainHop.State.TIMED_OUT)
                && !hop.chainStopped()
                && hop.ackDeadline().isBefore(now);
    }
}
