package jp.horenso.incident.timeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.timeline.TimelineEntry;
import jp.horenso.incident.timeline.TrailHead;
import jp.horenso.platform.sql.DirectSql;

/** Reads and appends timeline entries, and keeps each case's trail head ({@code timeline_head}). */
@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    /** A case's entries in chain order. */
    public List<TimelineEntry> of(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY seq", incidentId);
    }

    public TimelineEntry lastOf(UUID incidentId) {
        return find("incidentId = ?1 ORDER BY seq DESC", incidentId).firstResult();
    }

    /**
     * Serialises appends to a case that has no head yet, until the transaction ends (a PostgreSQL advisory lock); once
     * the head exists, its row lock does ({@link #lockHeadOf}).
     */
    public void lockChainOf(UUID incidentId) {
        // Past Hibernate's native-query API (DirectSql), like the head's reads below.
        DirectSql.first(
                getEntityManager(),
                "SELECT 1 FROM pg_advisory_xact_lock(?)",
                row -> row.getInt(1),
                incidentId.getMostSignificantBits() ^ incidentId.getLeastSignificantBits());
    }

    /**
     * The case's recorded trail head, its row locked until the transaction ends, or null when none was recorded. A
     * head locked so is the latest committed one, even when another append committed while this one waited.
     */
    public TrailHead lockHeadOf(UUID incidentId) {
        return head(incidentId, " FOR UPDATE");
    }

    /** The case's recorded trail head, or null when none was recorded (a case without entries). */
    public TrailHead headOf(UUID incidentId) {
        return head(incidentId, "");
    }

    private TrailHead head(UUID incidentId, String lock) {
        return DirectSql.first(
                        getEntityManager(),
                        "SELECT seq, hash FROM timeline_head WHERE incident_id = ?" + lock,
                        row -> new TrailHead(row.getInt(1), row.getString(2)),
                        incidentId)
                .orElse(null);
    }

    /**
     * Moves the case's head from {@code previous} to the entry just appended (flushed first: the head references
     * it). The database refuses any other move (trigger {@code timeline_head_advances}).
     */
    public void advanceHead(TrailHead previous, TimelineEntry appended) {
        getEntityManager().flush();
        int changed = previous.seq() == 0
                ? getEntityManager()
                        .createNativeQuery("INSERT INTO timeline_head (incident_id, seq, hash, updated_at) "
                                + "VALUES (?1, ?2, ?3, now())")
                        .setParameter(1, appended.incidentId())
                        .setParameter(2, appended.seq())
                        .setParameter(3, appended.hash())
                        .executeUpdate()
                : getEntityManager()
                        .createNativeQuery("UPDATE timeline_head SET seq = ?2, hash = ?3, updated_at = now() "
                                + "WHERE incident_id = ?1 AND seq = ?4 AND hash = ?5")
                        .setParameter(1, appended.incidentId())
                        .setParameter(2, appended.seq())
                        .setParameter(3, appended.hash())
                        .setParameter(4, previous.seq())
                        .setParameter(5, previous.hash())
                        .executeUpdate();
        if (changed != 1) {
            throw new IllegalStateException("the trail head of " + appended.incidentId() + " moved under us");
        }
    }
}
