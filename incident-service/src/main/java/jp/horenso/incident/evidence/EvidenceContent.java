package jp.horenso.incident.evidence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** The bytes of a piece of evidence, in the city's own database (bytea), apart from its metadata. */
@Entity
@Immutable
@Table(name = "evidence_content")
public class EvidenceContent {

    @Id
    @Column(name = "evidence_id")
    private UUID evidenceId;

    @Column(nullable = false)
    private byte[] content;

    protected EvidenceContent() {
        // for JPA
    }

    public EvidenceContent(UUID evidenceId, byte[] content) {
        this.evidenceId = evidenceId;
        this.content = content;
    }

    public UUID evidenceId() {
        return evidenceId;
    }

    public byte[] content() {
        return content;
    }
}
