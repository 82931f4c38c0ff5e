package jp.horenso.incident.response.event;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.response.ResponseAction;

/** A response action's description, owner or due date changed ({@code changedFields} names which). */
public record ResponseActionRevised(
        UUID incidentId,
        UUID actionId,
        ResponseAction.Kind kind,
        String ownerUnit,
        String ownerPerson,
        LocalDate dueDate,
        ResponseAction.Status status,
        long version,
        boolean drill,
        List<String> changedFields,
        String revisedBy,
        OffsetDateTime revisedAt) {

    public static final String NAME = "ResponseActionRevised";
}
