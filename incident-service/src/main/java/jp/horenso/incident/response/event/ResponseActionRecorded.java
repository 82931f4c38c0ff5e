package jp.horenso.incident.response.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;

/** A containment, recovery or recurrence-prevention action was recorded; never its description (it may name people). */
public record ResponseActionRecorded(
        UUID incidentId,
        UUID actionId,
        ResponseAction.Kind kind,
        String ownerUnit,
        String ownerPerson,
        LocalDate dueDate,
        ResponseAction.Status status,
        long version,
        boolean drill,
        String recordedBy,
        OffsetDateTime recordedAt) {

    public static final String NAME = "ResponseActionRecorded";
}
