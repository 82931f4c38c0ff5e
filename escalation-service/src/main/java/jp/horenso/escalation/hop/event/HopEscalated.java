package jp.horenso.escalation.hop.event;

import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/** A timed-out hop was escalated to the next level (第43条2–3項). */
public record HopEscalated(UUID incidentId, UUID fromHopId, List<ToHop> toHops, String reason) {

    public static final String NAME = "HopEscalated";

    /** One hop a time-out escalated to. */
    public record ToHop(UUID hopId, Position step, Recipient recipient) {}
}
