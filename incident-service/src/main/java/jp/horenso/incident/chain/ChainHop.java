package jp.horenso.incident.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One hop of a case's reporting chain as escalation-service told us (報告経路の一段): who must acknowledge by when,
 * and what became of it. incident-service's own projection of {@code horenso.escalation-events}.
 */
@Entity
@Table(name = "chain_hop")
public class ChainHop {

    /** What became of a hop. */
    public enum State {
        /** Waiting for its recipient's acknowledgement. */
        OPEN,
        /** Acknowledged (also late, after a time-out). */
        ACKNOWLEDGED,
        /** Nobody acknowledged by the deadline; the chain escalated. Its recipient may still acknowledge late. */
        TIMED_OUT,
        /** Cancelled before anyone acknowledged: the case moved to another unit, was closed or withdrawn. */
        CANCELLED
    }

    @Id
    @Column(name = "hop_id")
    private UUID hopId;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    /** Position the hop is addressed to, e.g. SECTION_CHIEF. */
    @Column(nullable = false)
    private String step;

    @Column(name = "recipient_username", nullable = false)
    private String recipientUsername;

    @Column(name = "recipient_name")
    private String recipientName;

    /** What opened the hop (REPORT, TIMEOUT, DEPUTY, …); null from producers older than the field. */
    private String trigger;

    /** The holder a deputy (代理者) stands in for. */
    @Column(name = "deputy_for")
    private String deputyFor;

    @Column(name = "escalated_from")
    private UUID escalatedFrom;

    @Column(name = "opened_at", nullable = false)
    private OffsetDateTime openedAt;

    @Column(name = "ack_deadline", nullable = false)
    private OffsetDateTime ackDeadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "acknowledged_at")
    private OffsetDateTime acknowledgedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "timed_out_at")
    private OffsetDateTime timedOutAt;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "chain_stopped", nullable = false)
    private boolean chainStopped;

    protected ChainHop() {
        // for JPA
    }

    public UUID hopId() {
        return hopId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String step() {
        return step;
    }

    public String recipientUsername() {
        return recipientUsername;
    }

    public String recipientName() {
        return recipientName;
    }

    public String trigger() {
        return trigger;
    }

    public String deputyFor() {
        return deputyFor;
    }

    public UUID escalatedFrom() {
        return escalatedFrom;
    }

    public OffsetDateTime openedAt() {
        return openedAt;
    }

    public OffsetDateTime ackDeadline() {
        return ackDeadline;
    }

    public State state() {
        return state;
    }

    public OffsetDateTime acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public OffsetDateTime timedOutAt() {
        return timedOutAt;
    }

    public OffsetDateTime cancelledAt() {
        return cancelledAt;
    }

    public String cancelReason() {
        return cancelReason;
    }

    public boolean chainStopped() {
        return chainStopped;
    }

    /** A hop escalation-service opened: {@code recipientUsername} must acknowledge by {@code ackDeadline}. */
    public static ChainHop opened(
            UUID hopId,
            UUID incidentId,
            String step,
            String recipientUsername,
            String recipientName,
            String trigger,
            String deputyFor,
            UUID escalatedFrom,
            OffsetDateTime openedAt,
            OffsetDateTime ackDeadline) {
        ChainHop hop = new ChainHop();
        hop.hopId = hopId;
        hop.incidentId = incidentId;
        hop.step = step;
        hop.recipientUsername = recipientUsername;
        hop.recipientName = recipientName;
        hop.trigger = trigger;
        hop.deputyFor = deputyFor;
        hop.escalatedFrom = escalatedFrom;
        hop.openedAt = openedAt;
        hop.ackDeadline = ackDeadline;
        hop.state = State.OPEN;
        return hop;
    }

    /** Its recipient acknowledged (also late, after a time-out); a cancelled hop stays cancelled. */
    public void acknowledge(String by, OffsetDateTime at) {
        if (state != State.CANCELLED) {
            state = State.ACKNOWLEDGED;
            acknowledgedAt = at;
            acknowledgedBy = by;
        }
    }

    /** Nobody acknowledged an open hop by its deadline. */
    public void timeOut(OffsetDateTime at) {
        if (state == State.OPEN) {
            state = State.TIMED_OUT;
            timedOutAt = at;
        }
    }

    /** Cancelled before anyone acknowledged it (open or timed out); an acknowledged hop stays acknowledged. */
    public void cancel(String reason, OffsetDateTime at) {
        if (state == State.OPEN || state == State.TIMED_OUT) {
            state = State.CANCELLED;
            cancelReason = reason;
            cancelledAt = at;
        }
    }
}
