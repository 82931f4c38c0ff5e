package jp.horenso.notification.delivery.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.platform.outbox.Outbox;

/** Writes the outcome of a notification to the outbox, in the transaction that decided it. */
@ApplicationScoped
public class NotificationEvents {

    private final Outbox events;

    public NotificationEvents(Outbox events) {
        this.events = events;
    }

    /** Records that the notification was delivered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delivered(Notification notification) {
        events.append(
                NotificationDelivered.NAME,
                notification.organisation(),
                notification.incidentId().toString(),
                NotificationDelivered.of(notification));
    }

    /** Records that the notification was given up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Notification notification) {
        events.append(
                NotificationFailed.NAME,
                notification.organisation(),
                notification.incidentId().toString(),
                NotificationFailed.of(notification));
    }
}
