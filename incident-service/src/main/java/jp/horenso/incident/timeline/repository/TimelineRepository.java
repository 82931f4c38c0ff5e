package jp.horenso.incident.timeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import jp.horenso.incident.timeline.TimelineEntry;

/** Reads and appends timeline entries. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    /** A case's entries in the order they were written. */
    public List<TimelineEntry> of(UUID incidentId) {
        return list("incidentId = ?1 ORDER BY id", incidentId);
    }
}
