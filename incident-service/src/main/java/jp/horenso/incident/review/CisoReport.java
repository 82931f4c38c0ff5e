package jp.horenso.incident.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The CSIRT's report to the CISO (第44条4項): a frozen snapshot of the whole case record with its SHA-256, and the
 * CISO's decision on it (第44条5項). The snapshot never changes; the database refuses it too.
 */
@Entity
@Table(name = "ciso_report")
public class CisoReport {

    /** What the CISO decided on a report. */
    public enum Decision {
        /** The CISO accepted the report and its recurrence prevention. */
        ACCEPT,
        /** The CISO returned it with instructions (再発防止策の修正等の指示). */
        RETURN
    }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    public UUID incidentId;

    /** 1, 2, … per case. */
    @Column(nullable = false, updatable = false)
    public int version;

    /** The snapshot exactly as hashed: UTF-8 JSON text. */
    @Column(nullable = false, updatable = false)
    public String snapshot;

    /** SHA-256 of {@link #snapshot}'s UTF-8 bytes, lower-case hex. */
    @Column(nullable = false, updatable = false)
    public String sha256;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    public OffsetDateTime submittedAt;

    @Enumerated(EnumType.STRING)
    public Decision decision;

    /** The CISO's instructions; required when returning. */
    public String instructions;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    public boolean decided() {
        return decision != null;
    }
}
