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
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(name = "draft_version", nullable = false)
    private int draftVersion;

    @Column(nullable = false)
    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DisclosureMethod method;

    /** Published as part of a drill (第48条): never shown on the public endpoint. */
    @Column(nullable = false)
    private boolean drill;

    @Column(name = "title_ja", nullable = false)
    private String titleJa;

    @Column(name = "body_ja", nullable = false)
    private String bodyJa;

    @Column(name = "title_en")
    private String titleEn;

    @Column(name = "body_en")
    private String bodyEn;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "recurrence_prevention")
    private List<String> recurrencePrevention;

    @Column(name = "published_at", nullable = false)
    private OffsetDateTime publishedAt;

    @Column(name = "published_by", nullable = false)
    private String publishedBy;

    /**
     * The public id: 1, 2, 3 … per organisation in the order of publication (V9); null for a drill, which is never
     * public. The public site addresses a disclosure by this number, never by an internal id.
     */
    @Column(name = "public_number")
    private Integer publicNumber;

    protected DisclosurePublication() {
        // for JPA
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public int draftVersion() {
        return draftVersion;
    }

    public String organisation() {
        return organisation;
    }

    public DisclosureMethod method() {
        return method;
    }

    public boolean drill() {
        return drill;
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

    public OffsetDateTime publishedAt() {
        return publishedAt;
    }

    public String publishedBy() {
        return publishedBy;
    }

    public Integer publicNumber() {
        return publicNumber;
    }

    /** An approved version published; a real case (not a drill) gets the organisation's next public number. */
    public static DisclosurePublication of(
            UUID incidentId,
            int draftVersion,
            String organisation,
            DisclosureMethod method,
            boolean drill,
            String titleJa,
            String bodyJa,
            String titleEn,
            String bodyEn,
            List<String> recurrencePrevention,
            OffsetDateTime publishedAt,
            String publishedBy,
            Integer publicNumber) {
        DisclosurePublication p = new DisclosurePublication();
        p.id = UUID.randomUUID();
        p.incidentId = incidentId;
        p.draftVersion = draftVersion;
        p.organisation = organisation;
        p.method = method;
        p.drill = drill;
        p.titleJa = titleJa;
        p.bodyJa = bodyJa;
        p.titleEn = titleEn;
        p.bodyEn = bodyEn;
        p.recurrencePrevention = recurrencePrevention;
        p.publishedAt = publishedAt;
        p.publishedBy = publishedBy;
        p.publicNumber = publicNumber;
        return p;
    }
}
