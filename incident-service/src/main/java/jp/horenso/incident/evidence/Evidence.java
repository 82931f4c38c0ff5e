package jp.horenso.incident.evidence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A piece of evidence kept for a case (証拠保全, 第107条): what arrived, its SHA-256 computed on arrival, who brought
 * it in and when. The bytes are in {@link EvidenceContent}; who handled it since is in {@link CustodyEntry}.
 */
@Entity
@Immutable
@Table(name = "evidence")
public class Evidence {

    @Id
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(nullable = false)
    private String filename;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    /** SHA-256 of the bytes as they arrived, lower-case hex. */
    @Column(nullable = false)
    private String sha256;

    private String description;

    @Column(name = "received_by", nullable = false)
    private String receivedBy;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    protected Evidence() {
        // for JPA
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public String sha256() {
        return sha256;
    }

    public String description() {
        return description;
    }

    public String receivedBy() {
        return receivedBy;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    /** A piece of evidence kept (証拠保全, 第107条): what it is, its SHA-256, who received it when. */
    public static Evidence received(
            UUID incidentId,
            String filename,
            String contentType,
            long sizeBytes,
            String sha256,
            String description,
            String receivedBy,
            OffsetDateTime receivedAt) {
        Evidence e = new Evidence();
        e.id = UUID.randomUUID();
        e.incidentId = incidentId;
        e.filename = filename;
        e.contentType = contentType;
        e.sizeBytes = sizeBytes;
        e.sha256 = sha256;
        e.description = description;
        e.receivedBy = receivedBy;
        e.receivedAt = receivedAt;
        return e;
    }
}
