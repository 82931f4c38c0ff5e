package jp.horenso.incident.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** That the CISO reported a case and its recurrence prevention to the information-security committee (第44条6項). */
@Entity
@Immutable
@Table(name = "committee_report")
public class CommitteeReport {

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;

    @Column(name = "reported_at", nullable = false)
    private OffsetDateTime reportedAt;

    /** The committee's minute or file number. */
    @Column(nullable = false)
    private String reference;

    /** The CSIRT report (version) whose content was reported. */
    @Column(name = "report_version", nullable = false)
    private int reportVersion;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected CommitteeReport() {
        // for JPA
    }

    public UUID incidentId() {
        return incidentId;
    }

    public OffsetDateTime reportedAt() {
        return reportedAt;
    }

    public String reference() {
        return reference;
    }

    public int reportVersion() {
        return reportVersion;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public OffsetDateTime recordedAt() {
        return recordedAt;
    }

    /** The CISO's record that the case was reported to the committee (第44条6項). */
    public static CommitteeReport recorded(
            UUID incidentId,
            OffsetDateTime reportedAt,
            String reference,
            int reportVersion,
            String recordedBy,
            OffsetDateTime recordedAt) {
        CommitteeReport r = new CommitteeReport();
        r.incidentId = incidentId;
        r.reportedAt = reportedAt;
        r.reference = reference;
        r.reportVersion = reportVersion;
        r.recordedBy = recordedBy;
        r.recordedAt = recordedAt;
        return r;
    }
}
