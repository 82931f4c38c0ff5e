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
     * Claims pending, unparked overdue timers whose time has passed by the database's clock (earliest first),
     * skipping those another transaction holds together with their case's chain run; returns the actions' ids for
     * the timer to handle one by one ({@link #lockDue}).
     */
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(int limit) {
        return getEntityManager()
                .createNativeQuery("""
                select a.action_id from response_action a join chain_run r on r.incident_id = a.incident_id
                where a.timer_status = 'PENDING' and a.due_at <= now() and a.parked_at is null
                order by a.due_at limit :limit for update of a, r skip locked""", UUID.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /**
     * The action, if its overdue timer is still pending, due and unparked, locked with its case's chain run for the
     * caller's transaction; empty when another transaction holds either, so each timer fires once.
     */
    @SuppressWarnings("unchecked")
    public Optional<ResponseAction> lockDue(UUID actionId) {
        List<ResponseAction> found = getEntityManager()
                .createNativeQuery("""
                select a.* from response_action a join chain_run r on r.incident_id = a.incident_id
                where a.action_id = :id and a.timer_status = 'PENDING' and a.due_at <= now()
                and a.parked_at is null
                for update of a, r skip locked""", ResponseAction.class)
                .setParameter("id", actionId)
                .getResultList();
        return found.stream().findFirst();
    }

    /** Cancels the case's pending overdue timers (the case was closed or withdrawn); returns how many. */
    public int cancelPendingOfIncident(UUID incidentId) {
        flush();
        return getEntityManager()
                .createNativeQuery("""
                update response_action set timer_status = 'CANCELLED'
                where incident_id = :incident and timer_status = 'PENDING'""")
                .setParameter("incident", incidentId)
                .executeUpdate();
    }
}
