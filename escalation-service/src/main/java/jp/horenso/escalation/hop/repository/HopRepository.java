package jp.horenso.escalation.hop.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.escalation.directory.Person;
import jp.horenso.escalation.directory.Position;
import jp.horenso.escalation.hop.ChainRun;
import jp.horenso.escalation.hop.Hop;
import jp.horenso.escalation.hop.HopStatus;
import jp.horenso.escalation.hop.HopTrigger;
import jp.horenso.escalation.hop.SkipReason;
import jp.horenso.platform.sql.DirectSql;

/**
 * The {@code hop} table. Hops are inserted in SQL so that PostgreSQL computes the deadline from its own clock
 * and so that a step reaching the same person twice in a case (two escalations meeting at the CISO, or two
 * replicas escalating at once) inserts nothing the second time.
 */
@ApplicationScoped
public class HopRepository implements PanacheRepositoryBase<Hop, UUID> {

    /**
     * What a new hop needs: to whom, for which step, with which deadline ({@code ackWithin} after the
     * database's {@code now()}, or {@code deadline} when the calendar computed it).
     */
    public record NewHop(
            UUID id,
            String chainStep,
            Position step,
            Person recipient,
            Duration ackWithin,
            Instant deadline,
            UUID escalatedFrom,
            int attempt,
            boolean asDeputy,
            String deputyFor,
            HopTrigger trigger,
            UUID forwardedFrom) {}

    /**
     * Opens a hop whose deadline is the database's {@code now() + ackWithin} (or the given deadline).
     *
     * @return the deadline, or empty when this step already reached this person in this case (same attempt)
     */
    public Optional<Instant> insertOpen(ChainRun run, NewHop hop) {
        // DirectSql: it flushes first, so the insert sees what this transaction wrote through Hibernate (the chain
        // run, claimed hops); and a native query with a result class added a query plan per call (15-18 % of the
        // service's CPU in the 20 reports/s benchmark, docs/benchmarks.md).
        return DirectSql.first(
                getEntityManager(),
                """
                insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username,
                                 recipient_name, recipient_email, recipient_locale, status, opened_at,
                                 ack_deadline, escalated_from, attempt, as_deputy, deputy_for, trigger, forwarded_from)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN',
                        now(), coalesce(cast(? as timestamptz), now() + (? * interval '1 millisecond')),
                        cast(? as uuid), ?, ?, cast(? as text), ?, cast(? as uuid))
                on conflict (incident_id, chain_step, coalesce(recipient_username, ''), attempt) do nothing
                returning ack_deadline""",
                row -> row.getObject(1, OffsetDateTime.class).toInstant(),
                hop.id(),
                run.incidentId(),
                run.incidentNumber(),
                hop.chainStep(),
                hop.step().name(),
                hop.recipient().username(),
                hop.recipient().displayName(),
                hop.recipient().email(),
                hop.recipient().locale(),
                hop.deadline() == null ? null : hop.deadline().atOffset(ZoneOffset.UTC),
                hop.ackWithin() == null ? 0L : hop.ackWithin().toMillis(),
                hop.escalatedFrom(),
                hop.attempt(),
                hop.asDeputy(),
                hop.deputyFor(),
                hop.trigger().name(),
                hop.forwardedFrom());
    }

    /**
     * Records that a step reached nobody.
     *
     * @return {@code false} when this step was already recorded for this case (its next level is then taken
     *         care of already)
     */
    public boolean insertSkipped(
            UUID id,
            ChainRun run,
            String chainStep,
            Position step,
            String username,
            SkipReason reason,
            UUID escalatedFrom,
            HopTrigger trigger) {
        flush();
        return getEntityManager()
                        .createNativeQuery("""
                insert into hop (id, incident_id, incident_number, chain_step, step, recipient_username, status,
                                 opened_at, escalated_from, skip_reason, trigger)
                values (:id, :incident, :number, :chainStep, :step, cast(:username as text), 'SKIPPED', now(),
                        cast(:from as uuid), :reason, :trigger)
                on conflict (incident_id, chain_step, coalesce(recipient_username, ''), attempt) do nothing""")
                        .setParameter("id", id)
                        .setParameter("incident", run.incidentId())
                        .setParameter("number", run.incidentNumber())
                        .setParameter("chainStep", chainStep)
                        .setParameter("step", step.name())
                        .setParameter("username", username)
                        .setParameter("from", escalatedFrom == null ? null : escalatedFrom.toString())
                        .setParameter("reason", reason.name())
                        .setParameter("trigger", trigger.name())
                        .executeUpdate()
                == 1;
    }

    /**
     * Claims open, unparked hops whose deadline has passed by the database's clock (earliest first), skipping those
     * another transaction holds together with their case's chain run; returns their ids for the timer to handle one
     * by one ({@link #lockDue}).
     */
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(int limit) {
        return DirectSql.list(getEntityManager(), """
                select h.id from hop h join chain_run r on r.incident_id = h.incident_id
                where h.status = 'OPEN' and h.ack_deadline <= now() and h.parked_at is null
                order by h.ack_deadline limit ? for update of h, r skip locked""", row -> row.getObject(1, UUID.class), limit);
    }

    /**
     * How long until the next open, unparked hop falls due, in milliseconds by the database's clock (negative: due
     * already); empty when no hop is open. The first entry of the claim's index.
     */
    public Optional<Long> nextDueInMillis() {
        return DirectSql.unflushed(getEntityManager(), """
                select (extract(epoch from min(ack_deadline) - now()) * 1000)::bigint from hop
                where status = 'OPEN' and parked_at is null""", row -> row.getObject(1, Long.class));
    }

    /**
     * Loads the hops and their cases' chain runs into the session, two queries for a whole batch (the claim of the
     * caller's transaction holds their locks already), so that handling each of them reads neither again.
     */
    public void loadWithRuns(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<UUID> incidents =
                list("id in ?1", ids).stream().map(Hop::incidentId).distinct().toList();
        getEntityManager()
                .createQuery("select r from ChainRun r where r.incidentId in :incidents", ChainRun.class)
                .setParameter("incidents", incidents)
                .getResultList();
    }

    /**
     * The hop, if it is still open, due and unparked, locked with its case's chain run for the caller's
     * transaction; empty when another transaction holds either, so each hop is timed out by exactly one timer, and
     * never while an acknowledgement, a unit change or a stop of the case is being applied (those lock the chain
     * run first; the timer never waits, so the two cannot deadlock).
     */
    public Optional<Hop> lockDue(UUID id) {
        // The rows are locked by a plain SELECT (DirectSql), then the hop is loaded in the same transaction: a native
        // query mapped to Hop added a query plan per call (one per timer fired; see DirectSql).
        return DirectSql.first(getEntityManager(), """
                select h.id from hop h join chain_run r on r.incident_id = h.incident_id
                where h.id = ? and h.status = 'OPEN' and h.ack_deadline <= now() and h.parked_at is null
                for update of h, r skip locked""", row -> row.getObject(1, UUID.class), id)
                .map(this::findById);
    }

    /**
     * The case's open hops addressed to {@code username}, locked: an acknowledgement waits for a timer that
     * holds the hop, and then no longer finds it open.
     */
    public List<Hop> lockOpenHops(UUID incidentId, String username) {
        return find("incidentId = ?1 and recipientUsername = ?2 and status = ?3", incidentId, username, HopStatus.OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * The case's hops addressed to {@code username} that timed out and were never acknowledged, locked: a late
     * acknowledgement is recorded on them.
     */
    public List<Hop> lockTimedOutUnacknowledged(UUID incidentId, String username) {
        return find(
                        "incidentId = ?1 and recipientUsername = ?2 and status = ?3 and acknowledgedAt is null",
                        incidentId,
                        username,
                        HopStatus.TIMED_OUT)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The chain steps of the case that were skipped because its unit was not in the directory. */
    public List<String> stepsSkippedForUnknownUnit(UUID incidentId) {
        return find(
                        "incidentId = ?1 and status = ?2 and skipReason = ?3 order by openedAt",
                        incidentId,
                        HopStatus.SKIPPED,
                        SkipReason.UNKNOWN_UNIT)
                .stream()
                .map(Hop::chainStep)
                .distinct()
                .toList();
    }

    /** The case's open hops, locked (the case is being stopped). */
    public List<Hop> lockOpen(UUID incidentId) {
        return find("incidentId = ?1 and status = ?2 order by openedAt", incidentId, HopStatus.OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** Whether the case has a hop of {@code chainStep} for {@code username} (any attempt, any status). */
    public boolean reached(UUID incidentId, String chainStep, String username) {
        return count("incidentId = ?1 and chainStep = ?2 and recipientUsername = ?3", incidentId, chainStep, username)
                > 0;
    }

    /** All hops of a case in the order they were opened. */
    public List<Hop> ofIncident(UUID incidentId) {
        return find("incidentId = ?1 order by openedAt, step, recipientUsername, attempt", incidentId)
                .list();
    }
}
