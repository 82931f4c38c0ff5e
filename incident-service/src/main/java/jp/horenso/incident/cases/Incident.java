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
import jp.horenso.incident.common.time.StoredTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A case (事案): one reported security incident and what is known about it. */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    private UUID id;

    /** Human-friendly case number, e.g. INC-2026-000042, used in mail and on the phone. */
    @Column(nullable = false, unique = true)
    private String number;

    @Column(nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "reporter_type", nullable = false)
    private ReporterType reporterType;

    /** User name of the person who filed the report (for a vendor or citizen: the staff member who took it). */
    @Column(name = "reported_by", nullable = false)
    private String reportedBy;

    /** Section (課) the case concerns (第44条2項): named by the reporter or their own; the CSIRT may move it. */
    @Column(nullable = false)
    private String unit;

    /** Department (部) of that section. */
    private String department;

    /** The vendor or citizen the report was received from (第43条1項); personal data, never in events. */
    @JdbcTypeCode(SqlTypes.JSON)
    private Informant informant;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "discovered_at", nullable = false)
    private OffsetDateTime discoveredAt;

    @Column(name = "reported_at", nullable = false)
    private OffsetDateTime reportedAt;

    /** A drill (訓練, 第48条): runs the whole chain, marked everywhere, left out of statistics. */
    @Column(nullable = false)
    private boolean drill;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IncidentState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IncidentKind kind = IncidentKind.SECURITY_INCIDENT;

    /** The offset the reporter gave with the occurrence time, kept so the time reads back as given. */
    @Column(name = "occurred_offset")
    private String occurredOffset;

    @Column(name = "discovered_offset")
    private String discoveredOffset;

    @Enumerated(EnumType.STRING)
    @Column(name = "network_zone")
    private NetworkZone networkZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "information_systems", nullable = false)
    private List<String> informationSystems = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<InformationAsset> assets = new ArrayList<>();

    /** Classification scheme the assets' levels are written in (code:version). */
    @Column(name = "classification_scheme")
    private String classificationScheme;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "personal_data")
    private PersonalData personalData;

    @Enumerated(EnumType.STRING)
    @Column(name = "threat_category")
    private ThreatCategory threatCategory;

    @Enumerated(EnumType.STRING)
    @Column(name = "functional_impact")
    private FunctionalImpact functionalImpact;

    @Enumerated(EnumType.STRING)
    @Column(name = "information_impact")
    private InformationImpact informationImpact;

    @Enumerated(EnumType.STRING)
    private Recoverability recoverability;

    /** Whether the incident is still going on. */
    @Column(nullable = false)
    private boolean ongoing;

    /** 原因. */
    private String cause;

    /** 被害の程度. */
    @Column(name = "damage_extent")
    private String damageExtent;

    /** 被害の範囲. */
    @Column(name = "damage_scope")
    private String damageScope;

    /** Severity computed by the documented rule (docs/severity.md). */
    @Enumerated(EnumType.STRING)
    @Column(name = "computed_severity", nullable = false)
    private Severity computedSeverity = Severity.LOW;

    /** The rules that produced {@link #computedSeverity}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "severity_reasons", nullable = false)
    private List<SeverityReason> severityReasons = new ArrayList<>();

    /** The CSIRT's override, with its recorded reason. */
    @Enumerated(EnumType.STRING)
    @Column(name = "severity_override")
    private Severity severityOverride;

    @Column(name = "severity_override_reason")
    private String severityOverrideReason;

    @Column(name = "severity_override_by")
    private String severityOverrideBy;

    @Column(name = "severity_override_at")
    private OffsetDateTime severityOverrideAt;

    /** When the CISO reported the case to the information-security committee (第44条6項). */
    @Column(name = "committee_reported_at")
    private OffsetDateTime committeeReportedAt;

    /** The CISO judged the damage severe or needing organisation-wide measures (第44条6項). */
    @Column(name = "severe_judged_by_ciso", nullable = false)
    private boolean severeJudgedByCiso;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    /** Title and description normalised for search (NFKC, lower case); kept by {@link #refreshSearchText()}. */
    @Column(name = "search_text", nullable = false)
    private String searchText = "";

    @Version
    private long version;

    protected Incident() {
        // for JPA
    }

    /** Recomputes the search copy after the title or description changed. */
    public void refreshSearchText() {
        searchText = normaliseForSearch(title + "\n" + description);
    }

    /** The normal form both the stored text and a search term are brought to before matching. */
    public static String normaliseForSearch(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The severity in force: the CSIRT's override if any, else the computed one. */
    public Severity severity() {
        return severityOverride != null ? severityOverride : computedSeverity;
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public String organisation() {
        return organisation;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public ReporterType reporterType() {
        return reporterType;
    }

    public String reportedBy() {
        return reportedBy;
    }

    public String unit() {
        return unit;
    }

    public String department() {
        return department;
    }

    public Informant informant() {
        return informant;
    }

    public OffsetDateTime occurredAt() {
        return occurredAt;
    }

    public OffsetDateTime discoveredAt() {
        return discoveredAt;
    }

    public OffsetDateTime reportedAt() {
        return reportedAt;
    }

    public boolean drill() {
        return drill;
    }

    public IncidentState state() {
        return state;
    }

    public IncidentKind kind() {
        return kind;
    }

    public String occurredOffset() {
        return occurredOffset;
    }

    public String discoveredOffset() {
        return discoveredOffset;
    }

    public NetworkZone networkZone() {
        return networkZone;
    }

    public List<String> informationSystems() {
        return informationSystems;
    }

    public List<InformationAsset> assets() {
        return assets;
    }

    public String classificationScheme() {
        return classificationScheme;
    }

    public PersonalData personalData() {
        return personalData;
    }

    public ThreatCategory threatCategory() {
        return threatCategory;
    }

    public FunctionalImpact functionalImpact() {
        return functionalImpact;
    }

    public InformationImpact informationImpact() {
        return informationImpact;
    }

    public Recoverability recoverability() {
        return recoverability;
    }

    public boolean ongoing() {
        return ongoing;
    }

    public String cause() {
        return cause;
    }

    public String damageExtent() {
        return damageExtent;
    }

    public String damageScope() {
        return damageScope;
    }

    public Severity computedSeverity() {
        return computedSeverity;
    }

    public List<SeverityReason> severityReasons() {
        return severityReasons;
    }

    public Severity severityOverride() {
        return severityOverride;
    }

    public String severityOverrideReason() {
        return severityOverrideReason;
    }

    public String severityOverrideBy() {
        return severityOverrideBy;
    }

    public OffsetDateTime severityOverrideAt() {
        return severityOverrideAt;
    }

    public OffsetDateTime committeeReportedAt() {
        return committeeReportedAt;
    }

    public boolean severeJudgedByCiso() {
        return severeJudgedByCiso;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }

    public String searchText() {
        return searchText;
    }

    public long version() {
        return version;
    }

    /**
     * A report just filed (第43条1項): state REPORTED, the times' offsets kept as given. Its severity is set by
     * {@link #assessed} before it is stored.
     */
    /** A report just filed, not numbered yet: {@link #numbered} gives it its number last in the filing transaction. */
    public static Incident reported(
            UUID id,
            String organisation,
            String title,
            String description,
            ReporterType reporterType,
            String reportedBy,
            String unit,
            String department,
            Informant informant,
            IncidentKind kind,
            OffsetDateTime occurredAt,
            OffsetDateTime discoveredAt,
            OffsetDateTime reportedAt,
            boolean drill) {
        Incident c = new Incident();
        c.id = id;
        c.organisation = organisation;
        c.title = title;
        c.description = description;
        c.reporterType = reporterType;
        c.reportedBy = reportedBy;
        c.unit = unit;
        c.department = department;
        c.informant = informant;
        c.kind = kind;
        // To the microsecond, as PostgreSQL keeps them: what is in hand after the filing is what a read gives back.
        c.occurredAt = StoredTime.kept(occurredAt);
        c.occurredOffset = offsetOf(occurredAt);
        c.discoveredAt = StoredTime.kept(discoveredAt);
        c.discoveredOffset = offsetOf(discoveredAt);
        c.reportedAt = StoredTime.kept(reportedAt);
        c.drill = drill;
        c.state = IncidentState.REPORTED;
        c.refreshSearchText();
        return c;
    }

    /** Gives a just-reported case its number, once. */
    public void numbered(String caseNumber) {
        if (number != null) {
            throw new IllegalStateException("case " + id + " is numbered already: " + number);
        }
        number = caseNumber;
    }

    private static String offsetOf(OffsetDateTime t) {
        return t.getOffset().getId().replace("Z", "+00:00");
    }

    /** The CSIRT replaces the case record (第44条4項); the search copy follows title and description. */
    public void reviseRecord(
            IncidentKind kind,
            String title,
            String description,
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
            String damageScope) {
        this.kind = kind;
        this.title = title;
        this.description = description;
        refreshSearchText();
        this.networkZone = networkZone;
        this.informationSystems = informationSystems;
        this.assets = assets;
        this.classificationScheme = classificationScheme;
        this.personalData = personalData;
        this.threatCategory = threatCategory;
        this.functionalImpact = functionalImpact;
        this.informationImpact = informationImpact;
        this.recoverability = recoverability;
        this.ongoing = ongoing;
        this.cause = cause;
        this.damageExtent = damageExtent;
        this.damageScope = damageScope;
    }

    /** The severity rule's result (docs/severity.md) and the rules that produced it. */
    public void assessed(Severity computedSeverity, List<SeverityReason> severityReasons) {
        this.computedSeverity = computedSeverity;
        this.severityReasons = severityReasons;
    }

    /** The CSIRT overrides the computed severity with a reason; null returns to the computed one. */
    public void overrideSeverity(Severity severity, String reason, String by, OffsetDateTime at) {
        this.severityOverride = severity;
        this.severityOverrideReason = severity == null ? null : reason;
        this.severityOverrideBy = severity == null ? null : by;
        this.severityOverrideAt = severity == null ? null : at;
    }

    /** The case concerns another section (第44条2項). */
    public void moveTo(String unit, String department) {
        this.unit = unit;
        this.department = department;
    }

    /** A report filed by mistake: the record no longer changes. */
    public void withdraw() {
        this.state = IncidentState.WITHDRAWN;
    }

    /** Marks the case as a drill (第48条) or corrects it to "not a drill". */
    public void markDrill(boolean drill) {
        this.drill = drill;
    }

    /** The CSIRT reported the record to the CISO (第44条4項). */
    public void submitToCiso() {
        this.state = IncidentState.UNDER_CISO_REVIEW;
    }

    /** The CISO accepted or returned the report (第44条5項); {@code severe} null leaves the judgement as it was. */
    public void reviewDecided(boolean accepted, Boolean severe) {
        this.state = accepted ? IncidentState.ACCEPTED_BY_CISO : IncidentState.RETURNED_BY_CISO;
        if (severe != null) {
            this.severeJudgedByCiso = severe;
        }
    }

    /** The CISO reported the case to the committee (第44条6項), which is judging it severe. */
    public void reportedToCommittee(OffsetDateTime at) {
        this.committeeReportedAt = at;
        this.severeJudgedByCiso = true;
    }

    /** Closes the case. */
    public void close(OffsetDateTime at) {
        this.state = IncidentState.CLOSED;
        this.closedAt = at;
    }
}
