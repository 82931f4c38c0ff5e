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
    private String organisation;

    @Column(name = "published_at", nullable = false)
    private OffsetDateTime publishedAt;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    protected Directory() {
        // for JPA
    }

    public String organisation() {
        return organisation;
    }

    public OffsetDateTime publishedAt() {
        return publishedAt;
    }

    public UUID eventId() {
        return eventId;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    /** The first directory of {@code organisation} this service holds. */
    public static Directory of(String organisation) {
        Directory d = new Directory();
        d.organisation = organisation;
        return d;
    }

    /** Holds the directory published at {@code publishedAt} by event {@code eventId}, received now. */
    public void replacedBy(OffsetDateTime publishedAt, UUID eventId, OffsetDateTime receivedAt) {
        this.publishedAt = publishedAt;
        this.eventId = eventId;
        this.receivedAt = receivedAt;
    }
}
