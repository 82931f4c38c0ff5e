package jp.horenso.escalation.hop.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The case was closed or withdrawn: its hops and timers were cancelled; nothing more is sent for it. */
public record ChainStopped(
        UUID incidentId, String reason, Instant stoppedAt, List<UUID> cancelledHops, int cancelledTimers) {

    public static final String NAME = "ChainStopped";
}
