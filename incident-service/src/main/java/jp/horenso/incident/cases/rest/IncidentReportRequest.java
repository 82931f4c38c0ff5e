package jp.horenso.incident.cases.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.Informant;
import jp.horenso.incident.cases.ReporterType;

/**
 * What a staff member sends to report an incident (第43条1項).
 *
 * @param occurredAt when it happened (with time zone)
 * @param discoveredAt when it was noticed; not before {@code occurredAt}
 * @param kind what kind of report (default: security incident)
 * @param drill a drill (訓練, 第48条); only the CSIRT and the security lead may file one
 * @param unit the section the incident concerns (第44条2項), a code of the directory; default the reporter's own
 * @param informant for a report received from a vendor or citizen (第43条1項): who, how to reach them, how it came in
 */
@DiscoveredNotBeforeOccurred
public record IncidentReportRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 10_000) String description,
        @NotNull @PastOrPresent OffsetDateTime occurredAt,
        @NotNull @PastOrPresent OffsetDateTime discoveredAt,
        @NotNull ReporterType reporterType,
        IncidentKind kind,
        Boolean drill,
        @Size(max = 100) String unit,
        @Valid Informant informant) {}
