package jp.horenso.escalation.action.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.action.ResponseAction;
import jp.horenso.platform.sql.DirectSql;

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
    public List<UUID> claimDue(int limit) {
        return DirectSql.list(getEntityManager(), """
                select a.action_id from response_action a join chain_run r on r.incident_id = a.incident_id
                where a.timer_status = 'PENDING' and a.due_at <= now() and a.parked_at is null
                order by a.due_at limit ? for update of a, r skip locked""", row -> row.getObject(1, UUID.class), limit);
    }

    /**
     * The action, if its overdue timer is still pending, due and unparked, locked with its case's chain run for the
     * caller's transaction; empty when another transaction holds either, so each timer fires once.
     */
    public Optional<ResponseAction> lockDue(UUID actionId) {
        // Locked by a plain SELECT, then loaded: a native query mapped to the entity added a plan per call (DirectSql).
        return DirectSql.first(getEntityManager(), """
                select a.action_id from response_action a join chain_run r on r.incident_id = a.incident_id
                where a.action_id = ? and a.timer_status = 'PENDING' and a.due_at <= now()
                and a.parked_at is null
                for update of a, r skip locked""", row -> row.getObject(1, UUID.class), actionId)
                .map(this::findById);
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
