package jp.horenso.notification.delivery.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jp.horenso.notification.common.events.CloudEvents;
import jp.horenso.notification.common.outbox.Outbox;
import jp.horenso.notification.delivery.Notification;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes the outcome of a notification to the outbox, in the transaction that decided it. */
@ApplicationScoped
public class NotificationEvents {

    private final Outbox outbox;
    private final CloudEvents cloudEvents;
    private final String topic;

    public NotificationEvents(Outbox outbox, CloudEvents cloudEvents,
            @ConfigProperty(name = "mp.messaging.outgoing.outbox.topic") String topic) {
        this.outbox = outbox;
        this.cloudEvents = cloudEvents;
        this.topic = topic;
    }

    /** Records that the notification was delivered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delivered(Notification notification) {
        outbox.append(topic, cloudEvents.create(NotificationDelivered.NAME, notification.getIncidentId(),
                NotificationDelivered.of(notification)));
    }

    /** Records that the notification was given up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Notification notification) {
        outbox.append(topic, cloudEvents.create(NotificationFailed.NAME, notification.getIncidentId(),
                NotificationFailed.of(notification)));
    }
}
