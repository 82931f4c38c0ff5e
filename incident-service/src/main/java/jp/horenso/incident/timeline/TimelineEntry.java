package jp.horenso.incident.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One fact on a case's timeline. Appended, never updated or deleted. */
@Entity
@Immutable
@Table(name = "timeline_entry")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    /** Position in the case's chain, from 1. */
    @Column(nullable = false)
    private int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TimelineType type;

    /** When it happened (not when it was written down). */
    @Column(nullable = false)
    private OffsetDateTime at;

    /** Who did it: a user name, or the service that decided it. */
    @Column(nullable = false)
    private String actor;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> details;

    /** The event this entry was written from, if it came from another service. */
    @Column(name = "source_event_id")
    private UUID sourceEventId;

    /** Hash of the previous entry of the same case ({@link TimelineHasher#GENESIS} for the first). */
    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    /** SHA-256 over {@link #prevHash} and this entry's content. */
    @Column(nullable = false)
    private String hash;

    protected TimelineEntry() {
        // for JPA
    }

    public Long id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public int seq() {
        return seq;
    }

    public TimelineType type() {
        return type;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public Map<String, Object> details() {
        return details;
    }

    public UUID sourceEventId() {
        return sourceEventId;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    /** The entry that follows {@code head} ({@link TrailHead#EMPTY}: the first) on the case's chain, hashed. */
    public static TimelineEntry after(
            TrailHead head,
            UUID incidentId,
            TimelineType type,
            OffsetDateTime at,
            String actor,
            Map<String, Object> details,
            UUID sourceEventId) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incidentId;
        entry.seq = head.seq() + 1;
        entry.prevHash = head.hash();
        entry.type = type;
        entry.at = TimelineHasher.normalise(at);
        entry.actor = actor;
        entry.details = details == null ? Map.of() : details;
        entry.sourceEventId = sourceEventId;
        entry.hash = TimelineHasher.hash(entry);
        return entry;
    }
}
