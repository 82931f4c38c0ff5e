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
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.events.InvalidEventException;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.security.Organisation;
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
     * Applies the request carried by {@code event}, for the person (organisation, user name) in the event's
     * organisation. A repeated event, or the same notification id under another event, changes nothing. A request
     * about a case whose chain stopped (closed or withdrawn) is recorded as cancelled, for the delivery log, and
     * neither sent nor put in the inbox.
     *
     * @throws InvalidEventException (to the dead-letter topic, nothing stored) when the event claims another
     *     organisation than the one this service knows for its case or its notification id
     */
    public void accept(IncomingEvent event, NotificationRequested request) {
        UUID eventId = event.id();
        if (!processed.firstDelivery(eventId, CONSUMER)) {
            LOG.debugf("event %s was applied before; skipped", eventId);
            return;
        }
        Organisation organisation = Organisation.of(event.organisation());
        // Serialises the requests about one case, so two of different organisations cannot both pass the check.
        notifications.lockCase(request.incidentId());
        requireKnownOrganisation(event, request);
        String username = request.recipient().username();
        notifications.lockRecipient(organisation, username);
        Instant now = clock.transactionTime();
        Instant requestedAt = event.time() == null ? null : event.time().toInstant();
        RenderedMessage message = renderer.render(request, now);
        Endpoint first = recipients.firstEndpoint(organisation, username);
        String stopped =
                stoppedChains.reasonFor(organisation, request.incidentId()).orElse(null);
        boolean stored = notifications.insertIfAbsent(
                organisation,
                eventId,
                requestedAt == null ? now : requestedAt,
                request,
                message,
                first,
                stopped == null ? holdUntil(organisation, request) : null,
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
    private Instant holdUntil(Organisation organisation, NotificationRequested request) {
        String username = request.recipient().username();
        // The vice-CISO's copy of a notice to the CISO (第9条) is as urgent as the notice itself.
        if (recipients.isCiso(username, request.step())
                || request.isCopy() && recipients.isCiso(request.copyOf(), null)) {
            return null;
        }
        Duration window = recipients.digestWindow(organisation, username);
        if (window == null) {
            return null;
        }
        return notifications
                .digestDueFor(organisation, username)
                .or(() -> notifications.burstDigestDue(organisation, username, window))
                .orElse(null);
    }

    /**
     * What this service knows decides, not what the event claims: a case whose notices (or stopped chain) belong to
     * one organisation never receives a request of another, nor does a notification id stored for another. The
     * recipient needs no such check: a person is (organisation, user name), so another organisation's namesake —
     * their settings, inbox and digests — is never looked at.
     */
    private void requireKnownOrganisation(IncomingEvent event, NotificationRequested request) {
        for (String known : notifications.organisationsOfCase(request.incidentId())) {
            event.requireOrganisation(known);
        }
        stoppedChains.organisationOf(request.incidentId()).ifPresent(event::requireOrganisation);
        notifications.organisationOfNotification(request.notificationId()).ifPresent(event::requireOrganisation);
    }
}
