package jp.horenso.notification.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.horenso.notification.notification.Channel;
import jp.horenso.notification.notification.Notification;
import jp.horenso.notification.notification.NotificationStatus;
import jp.horenso.notification.notification.event.NotificationRequested;
import jp.horenso.notification.notification.RenderedMessage;
import org.hibernate.query.NativeQuery;

/** Stores notifications and finds the ones due for delivery. */
@ApplicationScoped
public class NotificationRepository implements PanacheRepository<Notification> {

    /**
     * Stores a requested notification as PENDING unless one with the same notification id exists; the unique
     * key decides, so two concurrent requests cannot both insert. Returns whether a row was inserted.
     */
    public boolean insertIfAbsent(UUID requestEventId, Instant requestedAt, Channel channel,
            NotificationRequested request, RenderedMessage message) {
        NativeQuery<?> insert = getEntityManager().createNativeQuery("""
                INSERT INTO notification (notification_id, incident_id, incident_number, hop_id, step, kind, drill,
                    channel, recipient_username, recipient_name, recipient_email, recipient_locale, ack_deadline,
                    severity, subject, body, status, attempts, next_attempt_at, request_event_id, requested_at)
                VALUES (:notificationId, :incidentId, :incidentNumber, :hopId, :step, :kind, :drill,
                    :channel, :username, :name, :email, :locale, :ackDeadline,
                    :severity, :subject, :body, :status, 0, now(), :requestEventId, :requestedAt)
                ON CONFLICT (notification_id) DO NOTHING""").unwrap(NativeQuery.class);
        // Nullable values carry their type so PostgreSQL gets a typed NULL.
        insert.setParameter("notificationId", request.notificationId(), UUID.class)
                .setParameter("incidentId", request.incidentId(), UUID.class)
                .setParameter("incidentNumber", request.incidentNumber(), String.class)
                .setParameter("hopId", request.hopId(), UUID.class)
                .setParameter("step", request.step(), String.class)
                .setParameter("kind", request.kind().name(), String.class)
                .setParameter("drill", request.drill(), Boolean.class)
                .setParameter("channel", channel.name(), String.class)
                .setParameter("username", request.recipient().username(), String.class)
                .setParameter("name", request.recipient().name(), String.class)
                .setParameter("email", request.recipient().email(), String.class)
                .setParameter("locale", request.recipient().locale() == null ? "ja" : request.recipient().locale(),
                        String.class)
                .setParameter("ackDeadline", request.ackDeadline(), Instant.class)
                .setParameter("severity", request.severity(), String.class)
                .setParameter("subject", message.subject(), String.class)
                .setParameter("body", message.body(), String.class)
                .setParameter("status", NotificationStatus.PENDING.name(), String.class)
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
        return getEntityManager().createNativeQuery("""
                SELECT * FROM notification
                WHERE (status IN ('PENDING', 'RETRY') AND next_attempt_at <= now())
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

    /** Every notification about one case, oldest first. */
    public List<Notification> listByIncident(UUID incidentId) {
        return list("incidentId = ?1 order by createdAt, id", incidentId);
    }
}
