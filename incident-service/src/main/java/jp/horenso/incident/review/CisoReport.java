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
    private UUID id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    private UUID incidentId;

    /** 1, 2, … per case. */
    @Column(nullable = false, updatable = false)
    private int version;

    /** The snapshot exactly as hashed: UTF-8 JSON text. */
    @Column(nullable = false, updatable = false)
    private String snapshot;

    /** SHA-256 of {@link #snapshot}'s UTF-8 bytes, lower-case hex. */
    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(name = "submitted_by", nullable = false, updatable = false)
    private String submittedBy;

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private OffsetDateTime submittedAt;

    @Enumerated(EnumType.STRING)
    private Decision decision;

    /** The CISO's instructions; required when returning. */
    private String instructions;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    protected CisoReport() {
        // for JPA
    }

    public boolean decided() {
        return decision != null;
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public int version() {
        return version;
    }

    public String snapshot() {
        return snapshot;
    }

    public String sha256() {
        return sha256;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public OffsetDateTime submittedAt() {
        return submittedAt;
    }

    public Decision decision() {
        return decision;
    }

    public String instructions() {
        return instructions;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public OffsetDateTime decidedAt() {
        return decidedAt;
    }

    /** Version {@code version} of the CSIRT's report on the case, submitted now; {@link #freeze} adds the record. */
    public static CisoReport submitted(UUID incidentId, int version, String submittedBy, OffsetDateTime submittedAt) {
        CisoReport r = new CisoReport();
        r.id = UUID.randomUUID();
        r.incidentId = incidentId;
        r.version = version;
        r.submittedBy = submittedBy;
        r.submittedAt = submittedAt;
        return r;
    }

    /** The frozen snapshot of the record and its SHA-256; never changed afterwards (the columns are not updatable). */
    public void freeze(String snapshot, String sha256) {
        this.snapshot = snapshot;
        this.sha256 = sha256;
    }

    /** The CISO's decision (第44条5項), once. */
    public void decide(Decision decision, String instructions, String decidedBy, OffsetDateTime decidedAt) {
        this.decision = decision;
        this.instructions = instructions;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
    }
}
