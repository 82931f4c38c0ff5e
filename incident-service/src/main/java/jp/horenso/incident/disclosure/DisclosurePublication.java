package jp.horenso.incident.disclosure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A published disclosure: a copy of the approved text, with its own id (not the case id) so that the public
 * endpoint reads this alone. Never changed.
 */
@Entity
@Immutable
@Table(name = "disclosure_publication")
public class DisclosurePublication {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "draft_version", nullable = false)
    public int draftVersion;

    @Column(nullable = false)
    public String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosureMethod method;

    /** Published as part of a drill (第48条): never shown on the public endpoint. */
    @Column(nullable = false)
    public boolean drill;

    @Column(name = "title_ja", nullable = false)
    public String titleJa;

    @Column(name = "body_ja", nullable = false)
    public String bodyJa;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "body_en")
    public String bodyEn;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "recurrence_prevention")
    public List<String> recurrencePrevention;

    @Column(name = "published_at", nullable = false)
    public OffsetDateTime publishedAt;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;

    /**
     * The public id: 1, 2, 3 … per organisation in the order of publication (V9); null for a drill, which is never
     * public. The public site addresses a disclosure by this number, never by an internal id.
     */
    @Column(name = "public_number")
    public Integer publicNumber;
}
