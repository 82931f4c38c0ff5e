package jp.horenso.escalation.hop.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.SkipReason;

/**
 * The {@code hop} table. Hops are inserted in SQL so that PostgreSQL computes the deadline from its own clock
 * and so that a step reaching the same person twice in a case (two escalations meeting at the CISO, or two
 * replicas escalating at once) inserts nothing the second time.
 */
@ApplicationScoped
public class HopRepository implements PanacheRepositoryBase<Hop, UUID> {

    /**
     * Opens a hop whose deadline is the database's {@code now() + ackWithin}.
     *
     * @return the deadline, or empty when this step already reached this person in this case
     */
    public Optional<Instant> insertOpen(UUID id, ChainRun run, String chainStep, Position step, Person recipient,
            Duration ackWithin, UUID escalatedFrom) {
        // Native SQL must see what this transaction wrote through Hibernate (the chain run, claimed hops).
        flush();
        @SuppressWarnings("unchecked")
        List<Instant> deadline = getEntityManager().createNativeQuery("""
                insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username,
                                 recipient_name, recipient_email, recipient_locale, status, opened_at,
                                 ack_deadline, escalated_from)
                values (:id, :incident, :number, :chainStep, :step, :username, :name, :email, :locale, 'OPEN',
                        now(), now() + (:millis * interval '1 millisecond'), cast(:from as uuid))
                on conflict (incident_id, chain_step, coalesce(recipient_username, '')) do nothing
                returning ack_deadline""", Instant.class)
                .setParameter("id", id)
                .setParameter("incident", run.incidentId())
                .setParameter("number", run.incidentNumber())
                .setParameter("chainStep", chainStep)
                .setParameter("step", step.name())
                .setParameter("username", recipient.username())
                .setParameter("name", recipient.displayName())
                .setParameter("email", recipient.email())
                .setParameter("locale", recipient.locale())
                .setParameter("millis", ackWithin.toMillis())
                .setParameter("from", escalatedFrom == null ? null : escalatedFrom.toString())
                .getResultList();
        return deadline.stream().findFirst();
    }

    /**
     * Records that a step reached nobody.
     *
     * @return {@code false} when this step was already recorded for this case (its next level is then taken
     *         care of already)
     */
    public boolean insertSkipped(UUID id, ChainRun run, String chainStep, Position step, String username,
            SkipReason reason, UUID escalatedFrom) {
        flush();
        return getEntityManager().createNativeQuery("""
                insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username, status,
                                 opened_at, escalated_from, skip_reason)
                values (:id, :incident, :number, :chainStep, :step, cast(:username as text), 'SKIPPED', now(),
                        cast(:from as uuid), :reason)
                on conflict (incident_id, chain_step, coalesce(recipient_username, '')) do nothing""")
                .setParameter("id", id)
                .setParameter("incident", run.incidentId())
                .setParameter("number", run.incidentNumber())
                .setParameter("chainStep", chainStep)
                .setParameter("step", step.name())
                .setParameter("username", username)
                .setParameter("from", escalatedFrom == null ? null : escalatedFrom.toString())
                .setParameter("reason", reason.name())
                .executeUpdate() == 1;
    }

    /**
     * Claims open hops whose deadline has passed by the database's clock, locking them for the caller's
     * transaction; hops another transaction holds are skipped, so each is claimed by exactly one timer.
     */
    @SuppressWarnings("unchecked")
    public List<Hop> claimDue(int limit) {
        return getEntityManager().createNativeQuery("""
                select * from hop where status = 'OPEN' and ack_deadline <= now()
                order by ack_deadline limit :limit for update skip locked""", Hop.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /**
     * The case's open hops addressed to {@code username}, locked: an acknowledgement waits for a timer that
     * holds the hop, and then no longer finds it open.
     */
    public List<Hop> lockOpenHops(UUID incidentId, String username) {
        return find("incidentId = ?1 and recipientUsername = ?2 and status = ?3", incidentId, username,
                HopStatus.OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** All hops of a case in the order they were opened. */
    public List<Hop> ofIncident(UUID incidentId) {
        return find("incidentId = ?1 order by openedAt, step, recipientUsername", incidentId).list();
    }
}
