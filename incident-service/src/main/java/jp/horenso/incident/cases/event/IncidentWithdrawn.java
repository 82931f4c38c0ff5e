package jp.horenso.incident.cases.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The CSIRT withdrew a report filed by mistake; the chain stops. */
public record IncidentWithdrawn(
        UUID incidentId,
        String incidentNumber,
        String reason,
        String withdrawnBy,
        OffsetDateTime withdrawnAt,
        boolean drill) {

    public static final String NAME = "IncidentWithdrawn";
}
