package jp.horenso.notification.acknowledgement.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import jp.horenso.notification.acknowledgement.event.AcknowledgementLinkUsed;
import jp.horenso.notification.acknowledgement.service.AckLinkOutcome.Refusal;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.repository.NotificationRepository;
import jp.horenso.notification.delivery.repository.StoppedChainRepository;
import jp.horenso.platform.outbox.Outbox;
import jp.horenso.platform.security.Caller;
import jp.horenso.platform.time.DatabaseClock;
import org.jboss.logging.Logger;

/**
 * Checks acknowledgement links and records their use. Opening a link only checks it (mail scanners open links
 * on their own); using it — a POST — records the acknowledgement once, under a unique key, and publishes
 * AcknowledgementLinkUsed in the same transaction.
 */
@ApplicationScoped
@Transactional
public class AckLinkService {

    private static final Logger LOG = Logger.getLogger(AckLinkService.class);

    private final AckLinks links;
    private final NotificationRepository notifications;
    private final EntityManager em;
    private final Outbox events;
    private final StoppedChainRepository stoppedChains;
    private final DatabaseClock clock;

    public AckLinkService(
            AckLinks links,
            NotificationRepository notifications,
            EntityManager em,
            Outbox events,
            StoppedChainRepository stoppedChains,
            DatabaseClock clock) {
        this.links = links;
        this.clock = clock;
        this.stoppedChains = stoppedChains;
        this.notifications = notifications;
        this.em = em;
        this.events = events;
    }

    /**
     * Whether {@code token} may be used by {@code caller} (null: nobody is logged in, and the link itself is the
     * proof; otherwise only the recipient — same user name in the same organisation — may use it). Records nothing.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AckLinkOutcome check(String token, Caller caller) {
        Checked checked = checkLink(token, caller);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Notification n = checked.notification();
        if (isUsed(n)) {
            return AckLinkOutcome.refused(Refusal.USED, n.incidentNumber(), n.drill());
        }
        return new AckLinkOutcome(null, n.incidentNumber(), n.drill());
    }

    /** Uses the link: records the acknowledgement once and publishes AcknowledgementLinkUsed. */
    public AckLinkOutcome use(String token, Caller caller, String userAgent) {
        Checked checked = checkLink(token, caller);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Notification n = checked.notification();
        // The database's time, the one every replica shares; the event carries the same instant.
        Instant now = clock.transactionTime().truncatedTo(ChronoUnit.MILLIS);
        // The primary key decides, so two clicks at the same moment cannot both count.
        int inserted = em.createNativeQuery("""
                INSERT INTO ack_link_use (notification_id, organisation, incident_id, hop_id, username, used_at,
                    user_agent)
                VALUES (:notificationId, :organisation, :incidentId, :hopId, :username, :usedAt, :userAgent)
                ON CONFLICT (notification_id) DO NOTHING""")
                .setParameter("notificationId", n.notificationId())
                .setParameter("organisation", n.organisation().code())
                .setParameter("incidentId", n.incidentId())
                .setParameter("hopId", n.hopId())
                .setParameter("username", n.recipientUsername())
                .setParameter("usedAt", now)
                .setParameter(
                        "userAgent",
                        userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 500)))
                .executeUpdate();
        if (inserted == 0) {
            return AckLinkOutcome.refused(Refusal.USED, n.incidentNumber(), n.drill());
        }
        events.append(
                AcknowledgementLinkUsed.NAME,
                n.organisation(),
                n.incidentId().toString(),
                new AcknowledgementLinkUsed(n.notificationId(), n.incidentId(), n.hopId(), n.recipientUsername(), now));
        LOG.infof("notification %s acknowledged by %s through its link", n.notificationId(), n.recipientUsername());
        return new AckLinkOutcome(null, n.incidentNumber(), n.drill());
    }

    private record Checked(Notification notification, AckLinkOutcome refusal) {}

    private Checked checkLink(String token, Caller caller) {
        Optional<AckLinks.Token> parsed = links.parse(token);
        if (parsed.isEmpty()) {
            return new Checked(null, AckLinkOutcome.refused(Refusal.FORGED, null, false));
        }
        AckLinks.Token t = parsed.get();
        Optional<Notification> found = notifications.findByNotificationId(t.notificationId());
        // An unknown notification looks exactly like a bad signature: the page must not tell ids apart.
        if (found.isEmpty()
                || found.get().hopId() == null
                || !links.verifies(
                        t,
                        found.get().incidentId(),
                        found.get().hopId(),
                        found.get().recipientUsername())) {
            return new Checked(null, AckLinkOutcome.refused(Refusal.FORGED, null, false));
        }
        Notification n = found.get();
        if (!clock.transactionTime().isBefore(t.expiresAt())) {
            return new Checked(n, AckLinkOutcome.refused(Refusal.EXPIRED, n.incidentNumber(), n.drill()));
        }
        if (caller != null && !isRecipient(caller, n)) {
            return new Checked(n, AckLinkOutcome.refused(Refusal.NOT_YOURS, n.incidentNumber(), n.drill()));
        }
        if (stoppedChains.reasonFor(n.organisation(), n.incidentId()).isPresent()) {
            return new Checked(n, AckLinkOutcome.refused(Refusal.CHAIN_STOPPED, n.incidentNumber(), n.drill()));
        }
        return new Checked(n, null);
    }

    /** The same person: the same user name in the same organisation (another organisation's namesake is not). */
    private static boolean isRecipient(Caller caller, Notification n) {
        return caller.username().equals(n.recipientUsername())
                && n.organisation().code().equals(caller.organisation());
    }

    private boolean isUsed(Notification n) {
        return !em.createNativeQuery("SELECT 1 FROM ack_link_use WHERE notification_id = :id")
                .setParameter("id", n.notificationId())
                .getResultList()
                .isEmpty();
    }
}
