package jp.horenso.escalation.hop.event;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/** Nobody acknowledged a hop by its deadline. */
public record HopTimedOut(
        UUID incidentId, UUID hopId, Position step, Recipient recipient, Instant ackDeadline, Instant timedOutAt) {

    public static final String NAME = "HopTimedOut";
}
