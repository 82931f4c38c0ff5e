package jp.horenso.escalation.hop.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.HopTrigger;

/**
 * A hop of the chain was addressed to a person, with an acknowledgement deadline; {@code trigger} says why,
 * {@code attempt} counts the repeats, {@code deputy}/{@code deputyFor} mark a deputy standing in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HopOpened(
        UUID incidentId,
        UUID hopId,
        Position step,
        Recipient recipient,
        Instant ackDeadline,
        UUID escalatedFrom,
        HopTrigger trigger,
        Integer attempt,
        Boolean deputy,
        String deputyFor,
        UUID forwardedFrom) {

    public static final String NAME = "HopOpened";
}
