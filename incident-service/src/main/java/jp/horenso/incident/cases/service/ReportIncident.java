package jp.horenso.incident.cases.service;

import java.time.OffsetDateTime;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.Informant;
import jp.horenso.incident.cases.ReporterType;

/** A report to file (第43条1項); the fields of the request, checked by the resource. */
public record ReportIncident(
        String title,
        String description,
        OffsetDateTime occurredAt,
        OffsetDateTime discoveredAt,
        ReporterType reporterType,
        IncidentKind kind,
        Boolean drill,
        String unit,
        Informant informant) {}
