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
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String description;

    /** The unit (section code) responsible, if a unit owns it. */
    @Column(name = "owner_unit")
    public String ownerUnit;

    /** The person (user name) responsible, if a person owns it. */
    @Column(name = "owner_person")
    public String ownerPerson;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** Who wrote the measure: they may not approve it (第14条). */
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;

    @Version
    public long version;

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
}
