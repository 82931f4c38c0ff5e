package jp.horenso.escalation.hop.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/**
 * The {@code data} of the events this service publishes on {@code horenso.escalation-events}, exactly as
 * docs/events/schemas describes them (absent optional values are left out).
 */
public final class EscalationEvents {

    /** Topic of every event below. */
    public static final String TOPIC = "horenso.escalation-events";

    private EscalationEvents() {
    }

    /** The reporting chain of the case's organisation started running for the case. */
    public record ChainStarted(UUID incidentId, String organisation, int chainVersion) {
    }

    /** A hop of the chain was addressed to a person, with an acknowledgement deadline. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HopOpened(UUID incidentId, UUID hopId, Position step, Recipient recipient, Instant ackDeadline,
            UUID escalatedFrom) {
    }

    /** An open hop was acknowledged; its clock stopped. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HopAcknowledged(UUID incidentId, UUID hopId, Position step, String acknowledgedBy,
            Instant acknowledgedAt, boolean late, String via) {
    }

    /** Nobody acknowledged a hop by its deadline. */
    public record HopTimedOut(UUID incidentId, UUID hopId, Position step, Recipient recipient, Instant ackDeadline,
            Instant timedOutAt) {
    }

    /** A timed-out hop was escalated to the next level (第43条2–3項). */
    public record HopEscalated(UUID incidentId, UUID fromHopId, List<ToHop> toHops, String reason) {
    }

    /** One hop a time-out escalated to. */
    public record ToHop(UUID hopId, Position step, Recipient recipient) {
    }

    /** The chain decided a person must be told about a case. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotificationRequested(UUID notificationId, UUID incidentId, String incidentNumber, String kind,
            UUID hopId, Position step, NotificationRecipient recipient, Instant ackDeadline, String severity,
            boolean drill) {
    }

    /** Whom a hop is addressed to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String username, String email, String name) {
    }

    /** Whom a notification goes to and in which language. */
    public record NotificationRecipient(String username, String name, String email, String locale) {
    }
}
