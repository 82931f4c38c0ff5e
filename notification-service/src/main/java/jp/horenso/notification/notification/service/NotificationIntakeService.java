package jp.horenso.notification.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.common.inbox.ProcessedEvents;
import jp.horenso.notification.notification.Channel;
import jp.horenso.notification.notification.RenderedMessage;
import jp.horenso.notification.notification.event.NotificationRequested;
import jp.horenso.notification.notification.repository.NotificationRepository;
import org.jboss.logging.Logger;

/**
 * Accepts notification requests: stores each one once, PENDING, with its rendered mail, for the delivery
 * worker to send after the transaction committed.
 */
@ApplicationScoped
@Transactional
public class NotificationIntakeService {

    /** The consumer name in {@code processed_event}; also the Kafka consumer group. */
    public static final String CONSUMER = "notification-service";
    private static final Logger LOG = Logger.getLogger(NotificationIntakeService.class);

    private final ProcessedEvents processedEvents;
    private final NotificationRepository notifications;
    private final MailRenderer renderer;

    public NotificationIntakeService(ProcessedEvents processedEvents, NotificationRepository notifications,
            MailRenderer renderer) {
        this.processedEvents = processedEvents;
        this.notifications = notifications;
        this.renderer = renderer;
    }

    /**
     * Applies the request carried by event {@code eventId}. A repeated event, or the same notification id
     * under another event, changes nothing.
     */
    public void accept(UUID eventId, Instant requestedAt, NotificationRequested request) {
        if (!processedEvents.markProcessed(eventId, CONSUMER)) {
            LOG.debugf("event %s was applied before; skipped", eventId);
            return;
        }
        RenderedMessage message = renderer.render(request);
        // Only mail for now; the channel column lets webhooks and the inbox join without a new table.
        boolean stored = notifications.insertIfAbsent(eventId, requestedAt == null ? Instant.now() : requestedAt,
                Channel.MAIL, request, message);
        if (!stored) {
            LOG.infof("notification %s already exists; request event %s changes nothing", request.notificationId(),
                    eventId);
        }
    }
}
