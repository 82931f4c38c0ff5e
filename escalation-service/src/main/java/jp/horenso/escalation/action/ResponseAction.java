package jp.horenso.escalation.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A response action of a case (応急措置, 復旧, 再発防止策; 第44条3項) as far as the chain needs it: who owns it,
 * when it is due, and the timer that tells the owner and the CSIRT when it is overdue. The latest version of
 * incident-service's action is kept.
 */
@Entity
@Table(name = "response_action")
public class ResponseAction {

    /** The action is finished one way or another: no overdue notice. */
    public static boolean finished(String status) {
        return "DONE".equals(status) || "CANCELLED".equals(status);
    }

    @Id
    @Column(name = "action_id")
    private UUID actionId;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(nullable = false)
    private String kind;

    @Column(name = "owner_unit")
    private String ownerUnit;

    @Column(name = "owner_person")
    private String ownerPerson;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private int version;

    /** The end of the due date in the organisation's zone; null without a due date. */
    @Column(name = "due_at")
    private Instant dueAt;

    /** NONE (no due date), PENDING, FIRED or CANCELLED. */
    @Column(name = "timer_status", nullable = false)
    private String timerStatus;

    @Column(name = "fired_at")
    private Instant firedAt;

    protected ResponseAction() {}

    public ResponseAction(UUID actionId, UUID incidentId) {
        this.actionId = actionId;
        this.incidentId = incidentId;
        this.timerStatus = "NONE";
    }

    /**
     * Takes a version of the action and plans its overdue timer: pending until {@code dueAt} while unfinished; a
     * timer that fired is armed again only when the due date moved later; a finished action's timer is cancelled.
     */
    public void takeVersion(
            String kind,
            String ownerUnit,
            String ownerPerson,
            LocalDate dueDate,
            Instant dueAt,
            String status,
            int version) {
        boolean movedLater = this.dueAt != null && dueAt != null && dueAt.isAfter(this.dueAt);
        this.kind = kind;
        this.ownerUnit = ownerUnit;
        this.ownerPerson = ownerPerson;
        this.dueDate = dueDate;
        this.status = status;
        this.version = version;
        if (finished(status)) {
            this.dueAt = dueAt;
            if (!"NONE".equals(timerStatus) && !"FIRED".equals(timerStatus)) {
                timerStatus = "CANCELLED";
            }
            return;
        }
        if (dueAt == null) {
            this.dueAt = null;
            this.timerStatus = "NONE";
            this.firedAt = null;
            return;
        }
        if (!"FIRED".equals(timerStatus) || movedLater) {
            this.timerStatus = "PENDING";
            this.firedAt = null;
        }
        this.dueAt = dueAt;
    }

    public void fire(Instant at) {
        if (!"PENDING".equals(timerStatus)) {
            throw new IllegalStateException("overdue timer of action " + actionId + " is " + timerStatus);
        }
        timerStatus = "FIRED";
        firedAt = at;
    }

    public UUID actionId() {
        return actionId;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String kind() {
        return kind;
    }

    public String ownerUnit() {
        return ownerUnit;
    }

    public String ownerPerson() {
        return ownerPerson;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    public String status() {
        return status;
    }

    public int version() {
        return version;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public String timerStatus() {
        return timerStatus;
    }

    public Instant firedAt() {
        return firedAt;
    }
}
