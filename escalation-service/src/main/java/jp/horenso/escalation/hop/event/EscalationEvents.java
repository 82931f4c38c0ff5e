package jp.horenso.escalation.hop.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.HopTrigger;

/**
 * The {@code data} of the events this service publishes on {@code horenso.escalation-events}, exactly as
 * docs/events/schemas describes them (absent optional values are left out).
 */
public final class EscalationEvents {

    private EscalationEvents() {
    }

    /** The reporting chain of the case's organisation started running for the case. */
    public record ChainStarted(UUID incidentId, String organisation, int chainVersion) {
    }

    /**
     * A hop of the chain was addressed to a person, with an acknowledgement deadline; {@code trigger} says why,
     * {@code attempt} counts the repeats, {@code deputy}/{@code deputyFor} mark a deputy standing in.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HopOpened(UUID incidentId, UUID hopId, Position step, Recipient recipient, Instant ackDeadline,
            UUID escalatedFrom, HopTrigger trigger, Integer attempt, Boolean deputy, String deputyFor,
            UUID forwardedFrom) {
    }

    /** An open hop was cancelled before anyone acknowledged it (unit changed, case closed or withdrawn). */
    public record HopCancelled(UUID incidentId, UUID hopId, Position step, Username recipient, String reason,
            Instant cancelledAt) {
    }

    /** A user name alone. */
    public record Username(String username) {
    }

    /** The case was closed or withdrawn: its hops and timers were cancelled; nothing more is sent for it. */
    public record ChainStopped(UUID incidentId, String reason, Instant stoppedAt, List<UUID> cancelledHops,
            int cancelledTimers) {
    }

    /** The organisation's departments and sections as they now stand (key = organisation code). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DirectoryPublished(String organisation, Name name, Instant publishedAt, List<PublishedUnit> units) {
    }

    /** A department or section of a published directory. */
    public record PublishedUnit(String code, String kind, String parent, Name name) {
    }

    /** A name in Japanese and English (null when none). */
    public record Name(String ja, String en) {
    }

    /** A department head or the security lead judged the case 重大 (第43条3項). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentMarkedSerious(UUID incidentId, String markedBy, Instant markedAt, String reason) {
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

    /**
     * The chain decided a person (or an outside body) must be told about a case. Hop notifications carry
     * {@code hopId}, {@code step} and {@code ackDeadline}; legal ones carry {@code legalDeadline} instead;
     * decisions carry {@code note}, {@code reportVersion} or {@code responseAction}; a copy for the vice-CISO
     * names the CISO in {@code copyOf}. Built by {@code jp.horenso.escalation.notice.Notice}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NotificationRequested(UUID notificationId, UUID incidentId, String incidentNumber, String kind,
            UUID hopId, Position step, NotificationRecipient recipient, Instant ackDeadline, String severity,
            boolean drill, Integer attempt, Boolean deputy, String deputyFor, String outsideBody,
            LegalDeadline legalDeadline, String note, String copyOf, Integer reportVersion,
            ResponseActionRef responseAction) {
    }

    /** The response action a RESPONSE_ACTION_* notice is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseActionRef(UUID actionId, String kind, java.time.LocalDate dueDate) {
    }

    /** Which legal deadline a legal notification is about. */
    public record LegalDeadline(String code, String report, Instant dueAt, String reportTo) {
    }

    /** Whom a hop is addressed to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String username, String email, String name) {
    }

    /** Whom a notification goes to and in which language. */
    public record NotificationRecipient(String username, String name, String email, String locale) {
    }
}
