package jp.horenso.incident.acknowledgement.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A person of the chain acknowledged receipt of a report; their hop clock stops. */
public record IncidentAcknowledged(
        UUID incidentId, Person acknowledgedBy, OffsetDateTime acknowledgedAt, String via, String comment) {

    public static final String NAME = "IncidentAcknowledged";

    /** Who acknowledged; unit, department and roles are empty for an acknowledgement by link. */
    public record Person(String username, String unit, String department, List<String> roles) {}
}
