package jp.horenso.notification.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.NotificationStatus;
import jp.horenso.notification.delivery.RenderedMessage;
import jp.horenso.notification.delivery.channel.MessageItem;
import jp.horenso.notification.delivery.event.ChainStopped;
import jp.horenso.notification.delivery.repository.NotificationRepository;
import jp.horenso.notification.delivery.repository.StoppedChainRepository;
import jp.horenso.platform.events.IncomingEvent;
import jp.horenso.platform.inbox.Inbox;
import jp.horenso.platform.security.Organisation;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Applies a stopped chain (the case was closed or withdrawn): the case's notifications not yet sent — pending,
 * waiting for a retry, or held for a digest — are cancelled and never sent, and requests for the case that
 * arrive later are stored as cancelled (see {@link NotificationIntakeService}). What is on its way to a channel
 * right now (SENDING, or grouped into a digest that is being sent) cannot be called back and is left to finish.
 */
@ApplicationScoped
@Transactional
public class ChainStopService {

    private static final Logger LOG = Logger.getLogger(ChainStopService.class);

    private final Inbox processed;
    private final DatabaseClock clock;
    private final StoppedChainRepository stoppedChains;
    private final NotificationRepository notifications;
    private final MailRenderer renderer;

    public ChainStopService(
            Inbox processed,
            StoppedChainRepository stoppedChains,
            NotificationRepository notifications,
            MailRenderer renderer,
            DatabaseClock clock) {
        this.clock = clock;
        this.processed = processed;
        this.stoppedChains = stoppedChains;
        this.notifications = notifications;
        this.renderer = renderer;
    }

    /**
     * Applies the stop carried by {@code event}; a repeated event changes nothing.
     *
     * @throws jp.horenso.platform.events.InvalidEventException (to the dead-letter topic, nothing changed) when the
     *     event claims another organisation than the one the case's notices (or an earlier stop) belong to
     */
    public void stop(IncomingEvent event, ChainStopped stopped) {
        UUID eventId = event.id();
        if (!processed.firstDelivery(eventId, NotificationIntakeService.CONSUMER)) {
            LOG.debugf("event %s was applied before; skipped", eventId);
            return;
        }
        Organisation organisation = Organisation.of(event.organisation());
        notifications.lockCase(stopped.incidentId());
        for (String known : notifications.organisationsOfCase(stopped.incidentId())) {
            event.requireOrganisation(known);
        }
        stoppedChains.organisationOf(stopped.incidentId()).ifPresent(event::requireOrganisation);
        stoppedChains.record(organisation, stopped.incidentId(), stopped.reason(), stopped.stoppedAt(), eventId);
        Instant now = clock.transactionTime();
        List<Notification> unsent = notifications.lockUnsentOf(organisation, stopped.incidentId());
        Map<Long, Notification> digestsToRewrite = new LinkedHashMap<>();
        int cancelled = 0;
        for (Notification n : unsent) {
            if (n.status() == NotificationStatus.CANCELLED) {
                continue; // cancelled above with the digest that carried it
            }
            if (n.status() == NotificationStatus.GROUPED) {
                Notification leader = notifications.findById(n.digestLeaderId());
                if (leader == null || !isWaiting(leader)) {
                    continue; // its digest is being sent (or is settled): it follows the digest's outcome
                }
                n.cancel(stopped.reason(), now);
                digestsToRewrite.put(leader.id(), leader);
            } else {
                if (n.digestSubject() != null) {
                    // A digest carrier waiting for a retry: the notices of other cases it carries go out on their own.
                    for (Notification member : notifications.membersOf(n)) {
                        if (member.incidentId().equals(stopped.incidentId())) {
                            member.cancel(stopped.reason(), now);
                            cancelled++;
                        } else {
                            member.release(now);
                        }
                    }
                    n.leadDigest(null, null, null);
                }
                n.cancel(stopped.reason(), now);
                digestsToRewrite.remove(n.id());
            }
            cancelled++;
        }
        digestsToRewrite.values().forEach(this::rewriteDigest);
        LOG.infof(
                "chain of case %s stopped (%s): %d unsent notifications cancelled",
                stopped.incidentId(), stopped.reason(), cancelled);
    }

    /** A digest carrier that lost members: rewritten for those left, or sent as itself when none is. */
    private void rewriteDigest(Notification leader) {
        if (leader.status() == NotificationStatus.CANCELLED) {
            return;
        }
        List<Notification> members = notifications.membersOf(leader);
        if (members.isEmpty()) {
            leader.leadDigest(null, null, null);
            return;
        }
        List<MessageItem> items = new ArrayList<>();
        items.add(MessageItem.of(leader));
        members.forEach(m -> items.add(MessageItem.of(m)));
        RenderedMessage digest = renderer.renderDigest(leader.recipientName(), items);
        leader.leadDigest(digest.subject(), digest.body(), digest.summary());
    }

    private static boolean isWaiting(Notification n) {
        return n.status() == NotificationStatus.PENDING || n.status() == NotificationStatus.RETRY;
    }
}
