package jp.horenso.notification.delivery.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The cases whose chain stopped (closed or withdrawn): nothing more is sent for them. */
@ApplicationScoped
public class StoppedChainRepository {

    private final EntityManager em;

    public StoppedChainRepository(EntityManager em) {
        this.em = em;
    }

    /** Records that the case's chain stopped; the first stop is kept. */
    public void record(UUID incidentId, String reason, Instant stoppedAt, UUID eventId) {
        em.createNativeQuery("""
                INSERT INTO stopped_chain (incident_id, reason, stopped_at, event_id)
                VALUES (:incidentId, :reason, :stoppedAt, :eventId)
                ON CONFLICT (incident_id) DO NOTHING""")
                .setParameter("incidentId", incidentId)
                .setParameter("reason", reason)
                .setParameter("stoppedAt", stoppedAt)
                .setParameter("eventId", eventId)
                .executeUpdate();
    }

    /** Why the case's chain stopped (CLOSED or WITHDRAWN); empty while it runs. */
    public Optional<String> reasonFor(UUID incidentId) {
        List<?> reason = em.createNativeQuery("SELECT reason FROM stopped_chain WHERE incident_id = :incidentId")
                .setParameter("incidentId", incidentId)
                .getResultList();
        return reason.isEmpty() ? Optional.empty() : Optional.of((String) reason.get(0));
    }
}
