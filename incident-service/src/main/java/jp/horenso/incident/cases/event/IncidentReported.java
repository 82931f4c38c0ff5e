package jp.horenso.incident.cases.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.ReporterType;
import jp.horenso.incident.cases.Severity;

/** A person filed a security-incident report (第43条1項); the case exists. */
public record IncidentReported(
        UUID incidentId,
        String number,
        String organisation,
        IncidentKind kind,
        ReporterType reporterType,
        Reporter reportedBy,
        String unit,
        String department,
        OffsetDateTime occurredAt,
        OffsetDateTime discoveredAt,
        OffsetDateTime reportedAt,
        Severity severity,
        boolean drill) {

    public static final String NAME = "IncidentReported";

    /** Who filed the report, as their token said; roles sorted. */
    public record Reporter(String username, String unit, String department, List<String> roles) {}
}
