package jp.horenso.incident.response.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;

/**
 * A response action as the API shows it; {@code overdue} is true while it is neither done nor cancelled after its
 * due date (Japan time).
 */
public record ResponseActionView(
        UUID id,
        UUID incidentId,
        ResponseAction.Kind kind,
        String description,
        String ownerUnit,
        String ownerPerson,
        LocalDate dueDate,
        boolean overdue,
        ResponseAction.Status status,
        String createdBy,
        OffsetDateTime createdAt,
        String updatedBy,
        OffsetDateTime updatedAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        OffsetDateTime cancelledAt,
        long version) {

    public static ResponseActionView of(ResponseAction a, LocalDate today) {
        boolean overdue =
                a.dueDate() != null && !a.status().isFinal() && a.dueDate().isBefore(today);
        return new ResponseActionView(
                a.id(),
                a.incidentId(),
                a.kind(),
                a.description(),
                a.ownerUnit(),
                a.ownerPerson(),
                a.dueDate(),
                overdue,
                a.status(),
                a.createdBy(),
                a.createdAt(),
                a.updatedBy(),
                a.updatedAt(),
                a.startedAt(),
                a.completedAt(),
                a.cancelledAt(),
                a.version());
    }
}
