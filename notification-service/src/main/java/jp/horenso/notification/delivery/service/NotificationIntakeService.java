package jp.horenso.notification.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.delivery.RenderedMessage;
import jp.horenso.notification.delivery.event.NotificationRequested;
import jp.horenso.notification.delivery.repository.NotificationRepository;
import jp.horenso.notification.delivery.repository.StoppedChainRepository;
import jp.horenso.notification.inbox.service.InboxService;
import jp.horenso.notification.recipient.Endpoint;
import jp.horenso.notification.recipient.service.RecipientService;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Accepts notification requests: stores each one once, with everything it says rendered, on the first channel
 * of its recipient's route, and puts it in the recipient's in-app inbox — all in one transaction. The delivery
 * worker sends it after the commit: at once, or with the recipient's digest when a burst is under way.
 */
@ApplicationScoped
@Transactional
public class NotificationIntakeService {

    /** The consumer name in {@code processed_event}; also the Kafka consumer group. */
    public static final String CONSUMER = "notification-service";

    private static final Logger LOG = Logger.getLogger(NotificationIntakeService.class);

    private final Inbox processed;
    private final DatabaseClock clock;
    private final NotificationRepository notifications;
    private final MailRenderer renderer;
    private final RecipientService recipients;
    private final InboxService inbox;
    private final StoppedChainRepository stoppedChains;
    private final Event<NotificationStored> stored;

    public NotificationIntakeService(
            Inbox processed,
            NotificationRepository notifications,
            MailRenderer renderer,
            RecipientService recipients,
            InboxService inbox,
            StoppedChainRepository stoppedChains,
            DatabaseClock clock,
            Event<NotificationStored> stored) {
        this.processed = processed;
        this.stored = stored;
        this.clock = clock;
        this.stoppedChains = stoppedChains;
        this.notifications = notifications;
        this.renderer = renderer;
        this.recipients = recipients;
        this.inbox = inbox;
    }

    /**
     * Applies the request carried by event {@code eventId}. A repeated event, or the same notification id
     * under another event, changes nothing. A request about a case whose chain stopped (closed or withdrawn) is
     * recorded as cancelled, for the delivery log, and neither sent nor put in the inbox.
     */
    public void accept(UUID eventId, Instant requestedAt, NotificationRequested request) {
        if (!processed.firstDelivery(eventId, CONSUMER)) {
            LOG.debugf("event %s was applied before; skipped", eventId);
            return;
        }
        String username = request.recipient().username();
        notifications.lockRecipient(username);
        Instant now = clock.transactionTime();
        RenderedMessage message = renderer.render(request, now);
        Endpoint first = recipients.firstEndpoint(username);
        String stopped = stoppedChains.reasonFor(request.incidentId()).orElse(null);
        boolean stored = notifications.insertIfAbsent(
                eventId,
                requestedAt == null ? now : requestedAt,
                request,
                message,
                first,
                stopped == null ? holdUntil(request) : null,
                stopped);
        if (!stored) {
            LOG.infof(
                    "notification %s already exists; request event %s changes nothing",
                    request.notificationId(), eventId);
            return;
        }
        if (stopped != null) {
            LOG.infof(
                    "notification %s: the chain of case %s stopped (%s); recorded as cancelled, not sent",
                    request.notificationId(), request.incidentId(), stopped);
            return;
        }
        inbox.add(request.notificationId());
        // Wakes the delivery worker once this transaction has committed (the poll is only a safety net).
        this.stored.fire(new NotificationStored(request.notificationId()));
    }

    /**
     * When a notification that is part of a burst goes out with the recipient's digest; null to send it at once.
     * The first message of a burst always goes at once; what follows within the recipient's window is grouped.
     * Messages to the CISO are never grouped or delayed.
     */
    private Instant holdUntil(NotificationRequested request) {
        String username = request.recipient().username();
        // The vice-CISO's copy of a notice to the CISO (第9条) is as urgent as the notice itself.
        if (recipients.isCiso(username, request.step())
                || request.isCopy() && recipients.isCiso(request.copyOf(), null)) {
            return null;
        }
        Duration window = recipients.digestWindow(username);
        if (window == null) {
            return null;
        }
        return notifications
                .digestDueFor(username)
                .or(() -> notifications.burstDigestDue(username, window))
                .orElse(null);
    }
}
