package jp.horenso.incident.cases.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The case was marked as a drill or corrected to "not a drill" (第48条). */
public record IncidentDrillMarkingChanged(
        UUID incidentId, boolean drill, String reason, String changedBy, OffsetDateTime changedAt) {

    public static final String NAME = "IncidentDrillMarkingChanged";
}
