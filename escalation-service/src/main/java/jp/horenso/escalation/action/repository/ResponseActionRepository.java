package jp.horenso.escalation.action.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.action.ResponseAction;

/** The {@code response_action} table. */
@ApplicationScoped
public class ResponseActionRepository implements PanacheRepositoryBase<ResponseAction, UUID> {

    public Optional<ResponseAction> lock(UUID actionId) {
        return findByIdOptional(actionId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Claims pending overdue timers whose time has passed by the database's clock, locking them and their case's
     * chain run; timers (or cases) another transaction holds are skipped, so each fires once.
     */
    @SuppressWarnings("unchecked")
    public List<ResponseAction> claimDue(int limit) {
        return getEntityManager().createNativeQuery("""
                select a.* from response_action a join chain_run r on r.incident_id = a.incident_id
                where a.timer_status = 'PENDING' and a.due_at <= now()
                order by a.due_at limit :limit for update of a, r skip locked""", ResponseAction.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Cancels the case's pending overdue timers (the case was closed or withdrawn); returns how many. */
    public int cancelPendingOfIncident(UUID incidentId) {
        flush();
        return getEntityManager().createNativeQuery("""
                update response_action set timer_status = 'CANCELLED'
                where incident_id = :incident and timer_status = 'PENDING'""")
                .setParameter("incident", incidentId)
                .executeUpdate();
    }
}
