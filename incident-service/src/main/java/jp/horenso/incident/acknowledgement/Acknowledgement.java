package jp.horenso.incident.acknowledgement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A person of the chain confirming that they received a report (受領確認). */
@Entity
@Immutable
@Table(name = "acknowledgement")
public class Acknowledgement {

    @Id
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Column(name = "acknowledged_by", nullable = false)
    private String acknowledgedBy;

    @Column(name = "acknowledged_at", nullable = false)
    private OffsetDateTime acknowledgedAt;

    /** API or LINK (a signed link from a notification). */
    @Column(nullable = false)
    private String via;

    private String comment;

    protected Acknowledgement() {
        // for JPA
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public OffsetDateTime acknowledgedAt() {
        return acknowledgedAt;
    }

    public String via() {
        return via;
    }

    public String comment() {
        return comment;
    }

    /** A receipt confirmed by {@code acknowledgedBy} at {@code acknowledgedAt}, through the API or a signed link. */
    public static Acknowledgement received(
            UUID incidentId, String acknowledgedBy, OffsetDateTime acknowledgedAt, String via, String comment) {
        Acknowledgement a = new Acknowledgement();
        a.id = UUID.randomUUID();
        a.incidentId = incidentId;
        a.acknowledgedBy = acknowledgedBy;
        a.acknowledgedAt = acknowledgedAt;
        a.via = via;
        a.comment = comment;
        return a;
    }
}
