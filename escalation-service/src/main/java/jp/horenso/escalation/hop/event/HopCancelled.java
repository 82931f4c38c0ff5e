package jp.horenso.escalation.hop.event;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/** An open hop was cancelled before anyone acknowledged it (unit changed, case closed or withdrawn). */
public record HopCancelled(
        UUID incidentId, UUID hopId, Position step, Username recipient, String reason, Instant cancelledAt) {

    public static final String NAME = "HopCancelled";

    /** A user name alone. */
    public record Username(String username) {}
}
