package jp.horenso.incident.timeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.timeline.TimelineEntry;

/** Reads and appends timeline entries. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    /** A case's entries in chain order. */
    public List<TimelineEntry> of(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY seq", incidentId);
    }

    public TimelineEntry lastOf(UUID incidentId) {
        return find("incidentId = ?1 ORDER BY seq DESC", incidentId).firstResult();
    }

    /** Serialises appends to one case until the transaction ends (a PostgreSQL advisory lock). */
    public void lockChainOf(UUID incidentId) {
        getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, incidentId.getMostSignificantBits() ^ incidentId.getLeastSignificantBits())
                .getSingleResult();
    }
}
