package jp.horenso.notification.delivery.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.NotificationStatus;
import jp.horenso.notification.delivery.RenderedMessage;
import jp.horenso.notification.delivery.event.NotificationRequested;
import jp.horenso.notification.recipient.Endpoint;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.sql.DirectSql;
import org.hibernate.query.NativeQuery;

/** Stores notifications and finds the ones due for delivery. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    /**
     * Stores a requested notification unless one with the same notification id exists; the unique key decides,
     * so two concurrent requests cannot both insert. It is PENDING, or HELD until {@code holdUntil} for the
     * recipient's digest; or, with a {@code cancelReason}, CANCELLED at once (the case's chain had stopped).
     * Returns whether a row was inserted.
     */
    public boolean insertIfAbsent(
            Organisation organisation,
            UUID requestEventId,
            Instant requestedAt,
            NotificationRequested request,
            RenderedMessage message,
            Endpoint first,
            Instant holdUntil,
            String cancelReason) {
        NotificationStatus status = cancelReason != null
                ? NotificationStatus.CANCELLED
                : holdUntil == null ? NotificationStatus.PENDING : NotificationStatus.HELD;
        NativeQuery<?> insert = getEntityManager().createNativeQuery("""
                INSERT INTO notification (notification_id, organisation, incident_id, incident_number, hop_id, step, kind, drill,
                    channel, recipient_username, recipient_name, recipient_email, recipient_locale, ack_deadline,
                    severity, subject, body, summary, case_link, ack_link, endpoint_id, endpoint_position, status,
                    attempts, next_attempt_at, request_event_id, requested_at, copy_of, cancel_reason, cancelled_at)
                VALUES (:notificationId, :organisation, :incidentId, :incidentNumber, :hopId, :step, :kind, :drill,
                    :channel, :username, :name, :email, :locale, :ackDeadline,
                    :severity, :subject, :body, :summary, :caseLink, :ackLink, :endpointId, :endpointPosition, :status,
                    0, coalesce(:holdUntil, now()), :requestEventId, :requestedAt, :copyOf, :cancelReason,
                    CASE WHEN :cancelled THEN now() END)
                ON CONFLICT (notification_id) DO NOTHING""").unwrap(NativeQuery.class);
        // Nullable values carry their type so PostgreSQL gets a typed NULL.
        insert.setParameter("notificationId", request.notificationId(), UUID.class)
                .setParameter("organisation", organisation.code(), String.class)
                .setParameter("incidentId", request.incidentId(), UUID.class)
                .setParameter("incidentNumber", request.incidentNumber(), String.class)
                .setParameter("hopId", request.hopId(), UUID.class)
                .setParameter("step", request.step(), String.class)
                .setParameter("kind", request.kind().name(), String.class)
                .setParameter("drill", request.drill(), Boolean.class)
                .setParameter("channel", first.channel().name(), String.class)
                .setParameter("username", request.recipient().username(), String.class)
                .setParameter("name", request.recipient().name(), String.class)
                .setParameter("email", request.recipient().email(), String.class)
                .setParameter(
                        "locale",
                        request.recipient().locale() == null
                                ? "ja"
                                : request.recipient().locale(),
                        String.class)
                .setParameter("ackDeadline", request.ackDeadline(), Instant.class)
                .setParameter("severity", request.severity(), String.class)
                .setParameter("subject", message.subject(), String.class)
                .setParameter("body", message.body(), String.class)
                .setParameter("summary", message.summary(), String.class)
                .setParameter("caseLink", message.caseLink(), String.class)
                .setParameter("ackLink", message.ackLink(), String.class)
                .setParameter("endpointId", first.id(), Long.class)
                .setParameter("endpointPosition", first.position(), Integer.class)
                .setParameter("status", status.name(), String.class)
                .setParameter("copyOf", request.isCopy() ? request.copyOf() : null, String.class)
                .setParameter("cancelReason", cancelReason, String.class)
                .setParameter("cancelled", cancelReason != null, Boolean.class)
                .setParameter("holdUntil", holdUntil, Instant.class)
                .setParameter("requestEventId", requestEventId, UUID.class)
                .setParameter("requestedAt", requestedAt, Instant.class);
        return insert.executeUpdate() == 1;
    }

    /**
     * Locks up to {@code limit} notifications a worker may take now: PENDING or RETRY ones that are due, and
     * SENDING ones whose worker's lease ran out. Rows another worker holds are skipped, not waited for.
     */
    @SuppressWarnings("unchecked")
    public List<Notification> lockDue(int limit) {
        return getEntityManager()
                .createNativeQuery("""
                SELECT * FROM notification
                WHERE (status IN ('PENDING', 'RETRY', 'HELD') AND next_attempt_at <= now())
                   OR (status = 'SENDING' AND lease_until <= now())
                ORDER BY next_attempt_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""", Notification.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** One notification, locked until the caller's transaction ends. */
    public Optional<Notification> lock(long id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The notification with this notification id (the key in events and links). */
    public Optional<Notification> findByNotificationId(UUID notificationId) {
        return find("notificationId", notificationId).firstResultOptional();
    }

    /**
     * The other notifications held for the same person's digest, locked; rows another worker holds are left for
     * their own digest.
     */
    @SuppressWarnings("unchecked")
    public List<Notification> lockHeldWith(Notification leader) {
        return getEntityManager()
                .createNativeQuery("""
                SELECT * FROM notification
                WHERE organisation = :organisation AND recipient_username = :username AND status = 'HELD' AND id <> :id
                ORDER BY id FOR UPDATE SKIP LOCKED""", Notification.class)
                .setParameter("organisation", leader.organisation().code())
                .setParameter("username", leader.recipientUsername())
                .setParameter("id", leader.id())
                .getResultList();
    }

    /** The notifications a digest leader carries, oldest first. */
    public List<Notification> membersOf(Notification leader) {
        return list("digestLeaderId = ?1 order by id", leader.id());
    }

    /**
     * When the person's pending digest goes out, if one is being collected: new members join it rather than
     * wait longer.
     */
    public Optional<Instant> digestDueFor(Organisation organisation, String username) {
        return DirectSql.first(
                getEntityManager(),
                """
                SELECT min(next_attempt_at) FROM notification
                WHERE organisation = ? AND recipient_username = ? AND status = 'HELD'""",
                row -> toInstant(row.getObject(1, OffsetDateTime.class)),
                organisation.code(),
                username);
    }

    /**
     * If the person was sent a notification within the last {@code window} (a burst has begun): the database
     * time at which a digest opened now would go out. Empty when no burst is under way.
     */
    public Optional<Instant> burstDigestDue(Organisation organisation, String username, Duration window) {
        return DirectSql.first(
                getEntityManager(),
                """
                SELECT now() + make_interval(secs => ?) FROM notification
                WHERE organisation = ? AND recipient_username = ?
                  AND created_at > now() - make_interval(secs => ?)
                LIMIT 1""",
                row -> toInstant(row.getObject(1, OffsetDateTime.class)),
                window.toSeconds(),
                organisation.code(),
                username,
                window.toSeconds());
    }

    /**
     * Serialises, until the transaction ends, the intake of notifications to one person, so that two arrivals
     * cannot both believe they start a burst.
     */
    public void lockRecipient(Organisation organisation, String username) {
        advisoryLock("notification-recipient:" + organisation.code() + ":" + username);
    }

    /** Serialises, until the transaction ends, what is done with one case's notices (intake and stopped chains). */
    public void lockCase(UUID incidentId) {
        advisoryLock("notification-case:" + incidentId);
    }

    private void advisoryLock(String key) {
        DirectSql.first(getEntityManager(), "SELECT pg_advisory_xact_lock(hashtext(?))", row -> Boolean.TRUE, key);
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected time value " + value.getClass());
    }

    /**
     * Locks, leaders first, what a stopped chain may still cancel: the case's notifications not yet sent
     * (PENDING, RETRY, HELD, and GROUPED ones whose digest has not left), and the carriers of digests they are
     * grouped into. Leaders before members is the order the delivery worker locks in, so the two cannot
     * deadlock.
     */
    @SuppressWarnings("unchecked")
    public List<Notification> lockUnsentOf(Organisation organisation, UUID incidentId) {
        DirectSql.list(getEntityManager(), """
                SELECT id FROM notification WHERE id IN (
                    SELECT digest_leader_id FROM notification
                    WHERE organisation = ? AND incident_id = ? AND status = 'GROUPED')
                ORDER BY id FOR UPDATE""", row -> row.getLong(1), organisation.code(), incidentId);
        return getEntityManager()
                .createNativeQuery("""
                SELECT * FROM notification
                WHERE organisation = :organisation AND incident_id = :incidentId
                  AND status IN ('PENDING', 'RETRY', 'HELD', 'GROUPED')
                ORDER BY id FOR UPDATE""", Notification.class)
                .setParameter("organisation", organisation.code())
                .setParameter("incidentId", incidentId)
                .getResultList();
    }

    /** Every notification about one case of the organisation, oldest first; none for another's case. */
    public List<Notification> listByIncident(Organisation organisation, UUID incidentId) {
        return list("organisation = ?1 and incidentId = ?2 order by createdAt, id", organisation.code(), incidentId);
    }

    /** The organisations this case's notifications were stored for (one, unless something went wrong). */
    @SuppressWarnings("unchecked")
    public List<String> organisationsOfCase(UUID incidentId) {
        return DirectSql.list(
                getEntityManager(),
                "SELECT DISTINCT organisation FROM notification WHERE incident_id = ?",
                row -> row.getString(1),
                incidentId);
    }

    /** The organisation a notification id was stored for, if it was. */
    public Optional<String> organisationOfNotification(UUID notificationId) {
        return DirectSql.first(
                getEntityManager(),
                "SELECT organisation FROM notification WHERE notification_id = ?",
                row -> row.getString(1),
                notificationId);
    }
}
