package jp.horenso.incident.response;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One step of the response to a case (第44条3–4項): a containment measure (応急措置), recovery work (復旧), or a
 * recurrence-prevention measure (再発防止策), with its owner, due date and status.
 */
@Entity
@Table(name = "response_action")
public class ResponseAction {

    /** The three kinds of response the CSIRT records. */
    public enum Kind {
        /** 応急措置: stop the damage from spreading. */
        CONTAINMENT,
        /** 復旧: restore systems and data. */
        RECOVERY,
        /** 再発防止策: keep it from happening again; the CISO reviews these (第44条5項). */
        RECURRENCE_PREVENTION
    }

    /**
     * Where an action stands. It only moves forward: planned → in progress → done, and anything not yet done may be
     * cancelled; done and cancelled are final.
     */
    public enum Status {
        /** 予定. */
        PLANNED,
        /** 実施中. */
        IN_PROGRESS,
        /** 実施済み. */
        DONE,
        /** 中止. */
        CANCELLED;

        /** Whether an action in this status may move to {@code next} (staying put is not a move). */
        public boolean canBecome(Status next) {
            return switch (this) {
                case PLANNED -> next == IN_PROGRESS || next == DONE || next == CANCELLED;
                case IN_PROGRESS -> next == DONE || next == CANCELLED;
                case DONE, CANCELLED -> false;
            };
        }

        /** Done and cancelled actions are history: nothing about them changes any more. */
        public boolean isFinal() {
            return this == DONE || this == CANCELLED;
        }
    }

    @Id
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(nullable = false)
    private String description;

    /** The unit (section code) responsible, if a unit owns it. */
    @Column(name = "owner_unit")
    private String ownerUnit;

    /** The person (user name) responsible, if a person owns it. */
    @Column(name = "owner_person")
    private String ownerPerson;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    /** Who wrote the measure: they may not approve it (第14条). */
    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Version
    private long version;

    protected ResponseAction() {
        // for JPA
    }

    /**
     * Moves to {@code next} and stamps when it started, was completed or was cancelled. An action done without
     * having been marked in progress is taken to have started when it was done.
     */
    public void moveTo(Status next, OffsetDateTime at) {
        switch (next) {
            case IN_PROGRESS -> startedAt = at;
            case DONE -> {
                if (startedAt == null) {
                    startedAt = at;
                }
                completedAt = at;
            }
            case CANCELLED -> cancelledAt = at;
            case PLANNED -> {
                // The starting point: nothing to stamp.
            }
        }
        status = next;
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
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

    public Status status() {
        return status;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }

    public OffsetDateTime cancelledAt() {
        return cancelledAt;
    }

    public long version() {
        return version;
    }

    /** A new action in {@code status} (PLANNED, or already under way or done), its times stamped. */
    public static ResponseAction recorded(
            UUID incidentId,
            Kind kind,
            String description,
            String ownerUnit,
            String ownerPerson,
            LocalDate dueDate,
            Status status,
            String by,
            OffsetDateTime at) {
        ResponseAction a = new ResponseAction();
        a.id = UUID.randomUUID();
        a.incidentId = incidentId;
        a.kind = kind;
        a.description = description;
        a.ownerUnit = ownerUnit;
        a.ownerPerson = ownerPerson;
        a.dueDate = dueDate;
        a.status = Status.PLANNED;
        a.moveTo(status, at);
        a.createdBy = by;
        a.createdAt = at;
        a.updatedBy = by;
        a.updatedAt = at;
        return a;
    }

    /** New description, owner and due date (its kind never changes). */
    public void revise(String description, String ownerUnit, String ownerPerson, LocalDate dueDate) {
        this.description = description;
        this.ownerUnit = ownerUnit;
        this.ownerPerson = ownerPerson;
        this.dueDate = dueDate;
    }

    /** Who changed it last, and when. */
    public void changed(String by, OffsetDateTime at) {
        this.updatedBy = by;
        this.updatedAt = at;
    }
}
