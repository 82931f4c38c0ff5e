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
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** Position in the case's chain, from 1. */
    @Column(nullable = false)
    public int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TimelineType type;

    /** When it happened (not when it was written down). */
    @Column(nullable = false)
    public OffsetDateTime at;

    /** Who did it: a user name, or the service that decided it. */
    @Column(nullable = false)
    public String actor;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> details;

    /** The event this entry was written from, if it came from another service. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;

    /** Hash of the previous entry of the same case ({@link TimelineHasher#GENESIS} for the first). */
    @Column(name = "prev_hash", nullable = false)
    public String prevHash;

    /** SHA-256 over {@link #prevHash} and this entry's content. */
    @Column(nullable = false)
    public String hash;
}
