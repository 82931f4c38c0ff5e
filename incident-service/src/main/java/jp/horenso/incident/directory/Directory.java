package jp.horenso.incident.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Which directory of an organisation this service holds: when escalation-service published it, by which event. */
@Entity
@Table(name = "directory")
public class Directory {

    @Id
    public String organisation;

    @Column(name = "published_at", nullable = false)
    public OffsetDateTime publishedAt;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
