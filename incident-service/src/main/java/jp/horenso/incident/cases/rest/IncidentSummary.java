package jp.horenso.incident.cases.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Severity;

/** A case in a list: enough for a dashboard row, nothing about persons. */
public record IncidentSummary(
        UUID id,
        String number,
        IncidentKind kind,
        String title,
        IncidentState state,
        Severity severity,
        String severityJa,
        String unit,
        String department,
        OffsetDateTime reportedAt,
        boolean drill) {

    public static IncidentSummary of(Incident i) {
        return new IncidentSummary(
                i.id(),
                i.number(),
                i.kind(),
                i.title(),
                i.state(),
                i.severity(),
                i.severity().japanese(),
                i.unit(),
                i.department(),
                i.reportedAt(),
                i.drill());
    }
}
