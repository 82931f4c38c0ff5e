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
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "acknowledged_by", nullable = false)
    public String acknowledgedBy;

    @Column(name = "acknowledged_at", nullable = false)
    public OffsetDateTime acknowledgedAt;

    /** API or LINK (a signed link from a notification). */
    @Column(nullable = false)
    public String via;

    public String comment;
}
