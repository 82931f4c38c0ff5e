package jp.horenso.escalation.legal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reminder or deadline of a legal clock, due at a time; fired once by whichever replica claims it. */
@Entity
@Table(name = "legal_timer")
public class LegalTimer {

    @Id
    private UUID id;

    @Column(name = "clock_id", nullable = false)
    private UUID clockId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LegalReport report;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LegalTimerKind kind;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LegalTimerStatus status;

    @Column(name = "fired_at")
    private Instant firedAt;

    protected LegalTimer() {}

    public LegalTimer(
            UUID id, UUID clockId, LegalReport report, LegalTimerKind kind, Instant dueAt, LegalTimerStatus status) {
        this.id = id;
        this.clockId = clockId;
        this.report = report;
        this.kind = kind;
        this.dueAt = dueAt;
        this.status = status;
    }

    /** Sets a new due time; a timer that fired at another time is armed again. */
    public void reschedule(Instant due) {
        if (status == LegalTimerStatus.FIRED && due.equals(dueAt)) {
            return;
        }
        this.dueAt = due;
        this.status = LegalTimerStatus.PENDING;
        this.firedAt = null;
    }

    /**
     * The facts changed (LegalDutyRevised): a pending timer moves to {@code due}; one that fired is armed again
     * only when {@code due} is later than when it fired for (a reminder is not repeated for an earlier time); a
     * cancelled one stays cancelled.
     */
    public void move(Instant due) {
        if (status == LegalTimerStatus.PENDING) {
            this.dueAt = due;
        } else if (status == LegalTimerStatus.FIRED && due.isAfter(dueAt)) {
            this.dueAt = due;
            this.status = LegalTimerStatus.PENDING;
            this.firedAt = null;
        }
    }

    public void fire(Instant at) {
        if (status != LegalTimerStatus.PENDING) {
            throw new IllegalStateException("legal timer " + id + " is " + status + ", not PENDING");
        }
        status = LegalTimerStatus.FIRED;
        firedAt = at;
    }

    /** Not needed any more; a timer that fired stays fired. */
    public void cancel() {
        if (status == LegalTimerStatus.PENDING) {
            status = LegalTimerStatus.CANCELLED;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID clockId() {
        return clockId;
    }

    public LegalReport report() {
        return report;
    }

    public LegalTimerKind kind() {
        return kind;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public LegalTimerStatus status() {
        return status;
    }

    public Instant firedAt() {
        return firedAt;
    }
}
