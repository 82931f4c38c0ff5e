package jp.horenso.escalation.hop.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/** An open hop was acknowledged; its clock stopped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HopAcknowledged(
        UUID incidentId,
        UUID hopId,
        Position step,
        String acknowledgedBy,
        Instant acknowledgedAt,
        boolean late,
        String via) {

    public static final String NAME = "HopAcknowledged";
}
