package jp.horenso.incident.disclosure;

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

/**
 * One saved version of a disclosure text (公表文案). Each save is a new version; a saved version never changes
 * except for its one approval by the CISO.
 */
@Entity
@Table(name = "disclosure_draft")
public class DisclosureDraft {

    /** Case and version. */
    @Embeddable
    public record Key(@Column(name = "incident_id") UUID incidentId, @Column(name = "version") int version)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "title_ja", nullable = false, updatable = false)
    public String titleJa;

    @Column(name = "body_ja", nullable = false, updatable = false)
    public String bodyJa;

    @Column(name = "title_en", updatable = false)
    public String titleEn;

    @Column(name = "body_en", updatable = false)
    public String bodyEn;

    /** The accepted recurrence-prevention measures published with the facts (第44条7項), or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "recurrence_prevention", updatable = false)
    public List<String> recurrencePrevention;

    /** The CISO report whose accepted recurrence prevention {@link #recurrencePrevention} copies. */
    @Column(name = "accepted_report_version", updatable = false)
    public Integer acceptedReportVersion;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    public boolean approved() {
        return approvedBy != null;
    }
}
