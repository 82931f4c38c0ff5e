package jp.horenso.incident.cases.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.assessment.rest.LegalDutyView;
import jp.horenso.incident.cases.FunctionalImpact;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.cases.IncidentKind;
import jp.horenso.incident.cases.IncidentState;
import jp.horenso.incident.cases.Informant;
import jp.horenso.incident.cases.InformationAsset;
import jp.horenso.incident.cases.InformationImpact;
import jp.horenso.incident.cases.NetworkZone;
import jp.horenso.incident.cases.PersonalData;
import jp.horenso.incident.cases.Recoverability;
import jp.horenso.incident.cases.ReporterType;
import jp.horenso.incident.cases.Severity;
import jp.horenso.incident.cases.SeverityReason;
import jp.horenso.incident.cases.ThreatCategory;
import jp.horenso.incident.common.time.StoredTime;
import jp.horenso.incident.timeline.rest.TimelineEntryView;

/**
 * A case as the API shows it: report, record, severity with its reasons, legal duties, timeline.
 *
 * @param informant the vendor or citizen the report came from (第43条1項), only for those who may see the case
 */
public record IncidentView(
        UUID id,
        String number,
        String organisation,
        IncidentKind kind,
        String title,
        String description,
        ReporterType reporterType,
        Informant informant,
        String reportedBy,
        String unit,
        String department,
        OffsetDateTime occurredAt,
        OffsetDateTime discoveredAt,
        OffsetDateTime reportedAt,
        boolean drill,
        IncidentState state,
        RecordView record,
        SeverityView severity,
        List<LegalDutyView> legalDuties,
        long version,
        List<TimelineEntryView> timeline) {

    /** What the CSIRT recorded (第44条4項). */
    public record RecordView(
            NetworkZone networkZone,
            List<String> informationSystems,
            List<InformationAsset> assets,
            String classificationScheme,
            PersonalData personalData,
            ThreatCategory threatCategory,
            FunctionalImpact functionalImpact,
            InformationImpact informationImpact,
            Recoverability recoverability,
            boolean ongoing,
            String cause,
            String damageExtent,
            String damageScope) {}

    /** The severity in force, always with the reasons that produced it. */
    public record SeverityView(
            Severity level, String ja, String en, Severity computed, List<SeverityReason> reasons, Override override) {}

    /** The CSIRT's override of the computed severity. */
    public record Override(Severity level, String reason, String by, OffsetDateTime at) {}

    public static IncidentView of(Incident i, List<LegalDutyView> duties, List<TimelineEntryView> timeline) {
        Severity level = i.severity();
        SeverityView severity = new SeverityView(
                level,
                level.japanese(),
                level.english(),
                i.computedSeverity(),
                i.severityReasons(),
                i.severityOverride() == null
                        ? null
                        : new Override(
                                i.severityOverride(),
                                i.severityOverrideReason(),
                                i.severityOverrideBy(),
                                StoredTime.read(i.severityOverrideAt())));
        RecordView record = new RecordView(
                i.networkZone(),
                i.informationSystems(),
                i.assets(),
                i.classificationScheme(),
                i.personalData(),
                i.threatCategory(),
                i.functionalImpact(),
                i.informationImpact(),
                i.recoverability(),
                i.ongoing(),
                i.cause(),
                i.damageExtent(),
                i.damageScope());
        return new IncidentView(
                i.id(),
                i.number(),
                i.organisation(),
                i.kind(),
                i.title(),
                i.description(),
                i.reporterType(),
                i.informant(),
                i.reportedBy(),
                i.unit(),
                i.department(),
                withOffset(i.occurredAt(), i.occurredOffset()),
                withOffset(i.discoveredAt(), i.discoveredOffset()),
                StoredTime.read(i.reportedAt()),
                i.drill(),
                i.state(),
                record,
                severity,
                duties,
                i.version(),
                timeline);
    }

    /**
     * Shows a time in the offset the reporter gave it with. Every time is shown as read back ({@link StoredTime}),
     * so a case built from what a filing wrote shows what {@code GET} shows.
     */
    private static OffsetDateTime withOffset(OffsetDateTime at, String offset) {
        OffsetDateTime read = StoredTime.read(at);
        return offset == null || read == null ? read : read.withOffsetSameInstant(ZoneOffset.of(offset));
    }
}
