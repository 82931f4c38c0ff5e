package jp.horenso.incident.response.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;

/** A response action moved on (PLANNED → IN_PROGRESS → DONE, or CANCELLED). */
public record ResponseActionStatusChanged(
        UUID incidentId,
        UUID actionId,
        ResponseAction.Kind kind,
        String ownerUnit,
        String ownerPerson,
        LocalDate dueDate,
        ResponseAction.Status status,
        long version,
        boolean drill,
        ResponseAction.Status previousStatus,
        String changedBy,
        OffsetDateTime changedAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        OffsetDateTime cancelledAt) {

    public static final String NAME = "ResponseActionStatusChanged";
}
