package jp.horenso.incident.cases.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The case was moved to the section it concerns (第44条2項). */
public record IncidentUnitChanged(
        UUID incidentId,
        String organisation,
        String previousUnit,
        String unit,
        String department,
        String reason,
        String changedBy,
        OffsetDateTime changedAt,
        boolean drill) {

    public static final String NAME = "IncidentUnitChanged";
}
