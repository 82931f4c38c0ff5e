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
    public record Key(
            @Column(name = "incident_id") UUID incidentId,
            @Column(name = "version") int version) implements Serializable {}

    @EmbeddedId
    private Key key;

    @Column(name = "title_ja", nullable = false, updatable = false)
    private String titleJa;

    @Column(name = "body_ja", nullable = false, updatable = false)
    private String bodyJa;

    @Column(name = "title_en", updatable = false)
    private String titleEn;

    @Column(name = "body_en", updatable = false)
    private String bodyEn;

    /** The accepted recurrence-prevention measures published with the facts (第44条7項), or null. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "recurrence_prevention", updatable = false)
    private List<String> recurrencePrevention;

    /** The CISO report whose accepted recurrence prevention {@link #recurrencePrevention} copies. */
    @Column(name = "accepted_report_version", updatable = false)
    private Integer acceptedReportVersion;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "approved_by")
    private String approvedBy;

    @Column(name = "approved_at")
    private OffsetDateTime approvedAt;

    protected DisclosureDraft() {
        // for JPA
    }

    public boolean approved() {
        return approvedBy != null;
    }

    public Key key() {
        return key;
    }

    public String titleJa() {
        return titleJa;
    }

    public String bodyJa() {
        return bodyJa;
    }

    public String titleEn() {
        return titleEn;
    }

    public String bodyEn() {
        return bodyEn;
    }

    public List<String> recurrencePrevention() {
        return recurrencePrevention;
    }

    public Integer acceptedReportVersion() {
        return acceptedReportVersion;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String approvedBy() {
        return approvedBy;
    }

    public OffsetDateTime approvedAt() {
        return approvedAt;
    }

    /** A new version of the text; {@code recurrencePrevention} null unless the accepted measures go with it. */
    public static DisclosureDraft saved(
            Key key,
            String titleJa,
            String bodyJa,
            String titleEn,
            String bodyEn,
            List<String> recurrencePrevention,
            Integer acceptedReportVersion,
            String createdBy,
            OffsetDateTime createdAt) {
        DisclosureDraft d = new DisclosureDraft();
        d.key = key;
        d.titleJa = titleJa;
        d.bodyJa = bodyJa;
        d.titleEn = titleEn;
        d.bodyEn = bodyEn;
        d.recurrencePrevention = recurrencePrevention;
        d.acceptedReportVersion = acceptedReportVersion;
        d.createdBy = createdBy;
        d.createdAt = createdAt;
        return d;
    }

    /** The CISO approved this version (never one they wrote, 第14条). */
    public void approve(String by, OffsetDateTime at) {
        this.approvedBy = by;
        this.approvedAt = at;
    }
}
