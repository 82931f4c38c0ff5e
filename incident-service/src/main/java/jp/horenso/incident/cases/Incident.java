package jp.horenso.incident.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A case (事案): one reported security incident and what is known about it. */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    public UUID id;

    /** Human-friendly case number, e.g. INC-2026-000042, used in mail and on the phone. */
    @Column(nullable = false, unique = true)
    public String number;

    @Column(nullable = false)
    public String organisation;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "reporter_type", nullable = false)
    public ReporterType reporterType;

    /** User name of the person who filed the report (for a vendor or citizen: the staff member who took it). */
    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    /** Section (課) the case concerns (第44条2項): named by the reporter or their own; the CSIRT may move it. */
    @Column(nullable = false)
    public String unit;

    /** Department (部) of that section. */
    public String department;

    /** The vendor or citizen the report was received from (第43条1項); personal data, never in events. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Informant informant;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "discovered_at", nullable = false)
    public OffsetDateTime discoveredAt;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    /** A drill (訓練, 第48条): runs the whole chain, marked everywhere, left out of statistics. */
    @Column(nullable = false)
    public boolean drill;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentKind kind = IncidentKind.SECURITY_INCIDENT;

    /** The offset the reporter gave with the occurrence time, kept so the time reads back as given. */
    @Column(name = "occurred_offset")
    public String occurredOffset;

    @Column(name = "discovered_offset")
    public String discoveredOffset;

    @Enumerated(EnumType.STRING)
    @Column(name = "network_zone")
    public NetworkZone networkZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "information_systems", nullable = false)
    public List<String> informationSystems = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<InformationAsset> assets = new ArrayList<>();

    /** Classification scheme the assets' levels are written in (code:version). */
    @Column(name = "classification_scheme")
    public String classificationScheme;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "personal_data")
    public PersonalData personalData;

    @Enumerated(EnumType.STRING)
    @Column(name = "threat_category")
    public ThreatCategory threatCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "functional_impact")
    public FunctionalImpact functionalImpact;

    @Enumerated(EnumType.STRING)
    @Column(name = "information_impact")
    public InformationImpact informationImpact;

    @Enumerated(EnumType.STRING)
    public Recoverability recoverability;

    /** Whether the incident is still going on. */
    @Column(nullable = false)
    public boolean ongoing;

    /** 原因. */
    public String cause;

    /** 被害の程度. */
    @Column(name = "damage_extent")
    public String damageExtent;

    /** 被害の範囲. */
    @Column(name = "damage_scope")
    public String damageScope;

    /** Severity computed by the documented rule (docs/severity.md). */
    @Enumerated(EnumType.STRING)
    @Column(name = "computed_severity", nullable = false)
    public Severity computedSeverity = Severity.LOW;

    /** The rules that produced {@link #computedSeverity}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "severity_reasons", nullable = false)
    public List<SeverityReason> severityReasons = new ArrayList<>();

    /** The CSIRT's override, with its recorded reason. */
    @Enumerated(EnumType.STRING)
    @Column(name = "severity_override")
    public Severity severityOverride;

    @Column(name = "severity_override_reason")
    public String severityOverrideReason;

    @Column(name = "severity_override_by")
    public String severityOverrideBy;

    @Column(name = "severity_override_at")
    public OffsetDateTime severityOverrideAt;

    /** When the CISO reported the case to the information-security committee (第44条6項). */
    @Column(name = "committee_reported_at")
    public OffsetDateTime committeeReportedAt;

    /** The CISO judged the damage severe or needing organisation-wide measures (第44条6項). */
    @Column(name = "severe_judged_by_ciso", nullable = false)
    public boolean severeJudgedByCiso;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** Title and description normalised for search (NFKC, lower case); kept by {@link #refreshSearchText()}. */
    @Column(name = "search_text", nullable = false)
    public String searchText = "";

    @Version
    public long version;

    /** Recomputes the search copy after the title or description changed. */
    public void refreshSearchText() {
        searchText = normaliseForSearch(title + "\n" + description);
    }

    /** The normal form both the stored text and a search term are brought to before matching. */
    public static String normaliseForSearch(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    }

    /** The severity in force: the CSIRT's override if any, else the computed one. */
    public Severity severity() {
        return severityOverride != null ? severityOverride : computedSeverity;
    }
}
