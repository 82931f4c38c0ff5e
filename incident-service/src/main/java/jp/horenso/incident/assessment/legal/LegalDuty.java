package jp.horenso.incident.assessment.legal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A legal reporting duty that applies to a case, with its clock: prompt and final report deadlines. */
@Entity
@Table(name = "legal_duty")
public class LegalDuty {

    /** Case and duty code. */
    @Embeddable
    public record Key(@Column(name = "incident_id") UUID incidentId, @Column(name = "code") String code)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "rule_set_version", nullable = false)
    public String ruleSetVersion;

    @Column(nullable = false)
    public String source;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<LegalDutyRules.Text> reasons;

    @Column(name = "identified_at", nullable = false)
    public OffsetDateTime identifiedAt;

    /** 速報: counted from discovery. */
    @Column(name = "prompt_due_at", nullable = false)
    public OffsetDateTime promptDueAt;

    /** 確報: counted from discovery. */
    @Column(name = "final_due_at", nullable = false)
    public OffsetDateTime finalDueAt;

    /** 本人通知: the notice to the persons concerned, counted from discovery; null when the duty has none. */
    @Column(name = "persons_notice_due_at")
    public OffsetDateTime personsNoticeDueAt;

    @Column(name = "prompt_submitted_at")
    public OffsetDateTime promptSubmittedAt;

    @Column(name = "prompt_reference")
    public String promptReference;

    @Column(name = "final_submitted_at")
    public OffsetDateTime finalSubmittedAt;

    @Column(name = "final_reference")
    public String finalReference;

    /** Set when later facts show the duty does not apply after all; the clock stops. */
    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    public boolean open() {
        return withdrawnAt == null && finalSubmittedAt == null;
    }
}
