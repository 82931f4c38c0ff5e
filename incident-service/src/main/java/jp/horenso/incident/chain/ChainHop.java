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
    public UUID hopId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** Position the hop is addressed to, e.g. SECTION_CHIEF. */
    @Column(nullable = false)
    public String step;

    @Column(name = "recipient_username", nullable = false)
    public String recipientUsername;

    @Column(name = "recipient_name")
    public String recipientName;

    /** What opened the hop (REPORT, TIMEOUT, DEPUTY, …); null from producers older than the field. */
    public String trigger;

    /** The holder a deputy (代理者) stands in for. */
    @Column(name = "deputy_for")
    public String deputyFor;

    @Column(name = "escalated_from")
    public UUID escalatedFrom;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "ack_deadline", nullable = false)
    public OffsetDateTime ackDeadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "timed_out_at")
    public OffsetDateTime timedOutAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "chain_stopped", nullable = false)
    public boolean chainStopped;
}
