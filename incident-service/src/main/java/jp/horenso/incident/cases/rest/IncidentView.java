package jp.horenso.incident.cases.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.ReporterType;
import jp.horenso.incident.timeline.rest.TimelineEntryView;

/** A case as the API shows it, with its timeline. */
public record IncidentView(UUID id, String number, String organisation, String title, String description,
        ReporterType reporterType, String reportedBy, String unit, String department, OffsetDateTime occurredAt,
        OffsetDateTime discoveredAt, OffsetDateTime reportedAt, boolean drill, IncidentState state,
        List<TimelineEntryView> timeline) {

    public static IncidentView of(Incident i, List<TimelineEntryView> timeline) {
        return new IncidentView(i.id, i.number, i.organisation, i.title, i.description, i.reporterType,
                i.reportedBy, i.unit, i.department, i.occurredAt, i.discoveredAt, i.reportedAt, i.drill, i.state,
                timeline);
    }
}
