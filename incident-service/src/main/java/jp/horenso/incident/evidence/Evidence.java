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
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public String filename;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    /** SHA-256 of the bytes as they arrived, lower-case hex. */
    @Column(nullable = false)
    public String sha256;

    public String description;

    @Column(name = "received_by", nullable = false)
    public String receivedBy;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
