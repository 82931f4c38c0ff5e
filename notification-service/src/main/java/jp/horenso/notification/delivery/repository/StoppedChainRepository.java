package jp.horenso.notification.delivery.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.sql.DirectSql;

/** The cases whose chain stopped (closed or withdrawn): nothing more is sent for them. */
@ApplicationScoped
public class StoppedChainRepository {

    private final EntityManager em;

    public StoppedChainRepository(EntityManager em) {
        this.em = em;
    }

    /** Records that the organisation's case's chain stopped; the first stop is kept. */
    public void record(Organisation organisation, UUID incidentId, String reason, Instant stoppedAt, UUID eventId) {
        em.createNativeQuery("""
                INSERT INTO stopped_chain (incident_id, organisation, reason, stopped_at, event_id)
                VALUES (:incidentId, :organisation, :reason, :stoppedAt, :eventId)
                ON CONFLICT (incident_id) DO NOTHING""")
                .setParameter("incidentId", incidentId)
                .setParameter("organisation", organisation.code())
                .setParameter("reason", reason)
                .setParameter("stoppedAt", stoppedAt)
                .setParameter("eventId", eventId)
                .executeUpdate();
    }

    /** Why the organisation's case's chain stopped (CLOSED or WITHDRAWN); empty while it runs. */
    public Optional<String> reasonFor(Organisation organisation, UUID incidentId) {
        return DirectSql.first(
                em,
                "SELECT reason FROM stopped_chain WHERE organisation = ? AND incident_id = ?",
                row -> row.getString(1),
                organisation.code(),
                incidentId);
    }

    /** The organisation a stopped chain was recorded for, if this case's chain stopped. */
    public Optional<String> organisationOf(UUID incidentId) {
        return DirectSql.first(
                em,
                "SELECT organisation FROM stopped_chain WHERE incident_id = ?",
                row -> row.getString(1),
                incidentId);
    }
}
