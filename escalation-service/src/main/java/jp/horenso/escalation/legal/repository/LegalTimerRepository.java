package jp.horenso.escalation.legal.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.legal.LegalReport;
import jp.horenso.escalation.legal.LegalTimer;
import jp.horenso.escalation.legal.LegalTimerKind;
import jp.horenso.escalation.legal.LegalTimerStatus;
import jp.horenso.platform.sql.DirectSql;

/** The {@code legal_timer} table. */
@ApplicationScoped
public class LegalTimerRepository implements PanacheRepositoryBase<LegalTimer, UUID> {

    /**
     * Claims pending, unparked timers whose due time has passed by the database's clock (earliest first), skipping
     * those another transaction holds together with their case's chain run; returns their ids for the timer to
     * handle one by one ({@link #lockDue}).
     */
    public List<UUID> claimDue(int limit) {
        return DirectSql.list(getEntityManager(), """
                select t.id from legal_timer t
                join legal_clock c on c.id = t.clock_id
                join chain_run r on r.incident_id = c.incident_id
                where t.status = 'PENDING' and t.due_at <= now() and t.parked_at is null
                order by t.due_at limit ? for update of t, r skip locked""", row -> row.getObject(1, UUID.class), limit);
    }

    /**
     * The timer, if it is still pending, due and unparked, locked with its case's chain run for the caller's
     * transaction; empty when another transaction holds either, so each fires exactly once and never while the
     * case is being changed (revised, stopped).
     */
    public Optional<LegalTimer> lockDue(UUID id) {
        // Locked by a plain SELECT, then loaded: a native query mapped to the entity added a plan per call (DirectSql).
        return DirectSql.first(getEntityManager(), """
                select t.id from legal_timer t
                join legal_clock c on c.id = t.clock_id
                join chain_run r on r.incident_id = c.incident_id
                where t.id = ? and t.status = 'PENDING' and t.due_at <= now() and t.parked_at is null
                for update of t, r skip locked""", row -> row.getObject(1, UUID.class), id)
                .map(this::findById);
    }

    public Optional<LegalTimer> find(UUID clockId, LegalReport report, LegalTimerKind kind) {
        return find("clockId = ?1 and report = ?2 and kind = ?3", clockId, report, kind)
                .firstResultOptional();
    }

    /** Cancels every pending timer of the case's clocks (the case was closed or withdrawn); returns how many. */
    public int cancelPendingOfIncident(UUID incidentId) {
        flush();
        return getEntityManager()
                .createNativeQuery("""
                update legal_timer set status = 'CANCELLED'
                where status = 'PENDING' and clock_id in (select id from legal_clock where incident_id = :incident)""")
                .setParameter("incident", incidentId)
                .executeUpdate();
    }

    public List<LegalTimer> pendingOf(UUID clockId) {
        return list("clockId = ?1 and status = ?2", clockId, LegalTimerStatus.PENDING);
    }

    public List<LegalTimer> ofClock(UUID clockId) {
        return list("clockId = ?1 order by dueAt", clockId);
    }
}
