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
    public UUID incidentId;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    /** The committee's minute or file number. */
    @Column(nullable = false)
    public String reference;

    /** The CSIRT report (version) whose content was reported. */
    @Column(name = "report_version", nullable = false)
    public int reportVersion;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
