package jp.horenso.escalation.hop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.escalation.directory.Position;

/**
 * One step of a case's chain addressed to one person, with the deadline by which they must acknowledge.
 * Hops are inserted by {@code HopRepository} (their deadline is computed by the database) and change only
 * through the methods below.
 */
@Entity
@Table(name = "hop")
public class Hop {

    @Id
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(name = "incident_number", nullable = false)
    private String incidentNumber;

    /** The step's id in the chain definition. */
    @Column(name = "chain_step", nullable = false)
    private String chainStep;

    /** The position the step is addressed to (the contract's {@code step}). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Position step;

    @Column(name = "recipient_username")
    private String recipientUsername;

    @Column(name = "recipient_name")
    private String recipientName;

    @Column(name = "recipient_email")
    private String recipientEmail;

    @Column(name = "recipient_locale")
    private String recipientLocale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HopStatus status;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "ack_deadline")
    private Instant ackDeadline;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    /** Acknowledged after the deadline. */
    @Column(nullable = false)
    private boolean late;

    @Column(name = "timed_out_at")
    private Instant timedOutAt;

    /** The timed-out hop this one escalated from; null for the chain's first hops. */
    @Column(name = "escalated_from")
    private UUID escalatedFrom;

    @Enumerated(EnumType.STRING)
    @Column(name = "skip_reason")
    private SkipReason skipReason;

    /** 1 for the first notice of the step to the person, 2.. for the step's repeats. */
    @Column(nullable = false)
    private int attempt;

    /** The recipient stands in for the position's holder (or for a vacant position). */
    @Column(name = "as_deputy", nullable = false)
    private boolean asDeputy;

    /** The holder the deputy stands in for; null when not a deputy or the position is vacant. */
    @Column(name = "deputy_for")
    private String deputyFor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HopTrigger trigger;

    /** The acknowledged hop whose acknowledgement opened this one (trigger ACKNOWLEDGED); null otherwise. */
    @Column(name = "forwarded_from")
    private UUID forwardedFrom;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    private CancelReason cancelReason;

    protected Hop() {}

    /** Stops the clock: the recipient acknowledged at {@code at}, late when after the deadline. */
    public void acknowledge(String by, Instant at) {
        requireOpen();
        this.status = HopStatus.ACKNOWLEDGED;
        this.acknowledgedBy = by;
        this.acknowledgedAt = at;
        this.late = at.isAfter(ackDeadline);
    }

    /**
     * Records an acknowledgement that came after the hop had timed out (and the chain had moved on): the hop
     * stays timed out, the acknowledgement is kept as late.
     */
    public void acknowledgeAfterTimeOut(String by, Instant at) {
        if (status != HopStatus.TIMED_OUT || acknowledgedAt != null) {
            throw new IllegalStateException("hop " + id + " is " + status + ", not an unacknowledged TIMED_OUT");
        }
        this.acknowledgedBy = by;
        this.acknowledgedAt = at;
        this.late = true;
    }

    /** Nobody acknowledged by the deadline. */
    public void timeOut(Instant at) {
        requireOpen();
        this.status = HopStatus.TIMED_OUT;
        this.timedOutAt = at;
    }

    /** Nobody needs to acknowledge any more: the case moved to another unit, was closed or withdrawn. */
    public void cancel(CancelReason reason, Instant at) {
        requireOpen();
        this.status = HopStatus.CANCELLED;
        this.cancelReason = reason;
        this.cancelledAt = at;
    }

    private void requireOpen() {
        if (status != HopStatus.OPEN) {
            throw new IllegalStateException("hop " + id + " is " + status + ", not OPEN");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String incidentNumber() {
        return incidentNumber;
    }

    public String chainStep() {
        return chainStep;
    }

    public Position step() {
        return step;
    }

    public String recipientUsername() {
        return recipientUsername;
    }

    public String recipientName() {
        return recipientName;
    }

    public String recipientEmail() {
        return recipientEmail;
    }

    public String recipientLocale() {
        return recipientLocale;
    }

    public HopStatus status() {
        return status;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant ackDeadline() {
        return ackDeadline;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public boolean late() {
        return late;
    }

    public Instant timedOutAt() {
        return timedOutAt;
    }

    public UUID escalatedFrom() {
        return escalatedFrom;
    }

    public SkipReason skipReason() {
        return skipReason;
    }

    public int attempt() {
        return attempt;
    }

    public boolean asDeputy() {
        return asDeputy;
    }

    public String deputyFor() {
        return deputyFor;
    }

    public HopTrigger trigger() {
        return trigger;
    }

    public UUID forwardedFrom() {
        return forwardedFrom;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public CancelReason cancelReason() {
        return cancelReason;
    }
}
