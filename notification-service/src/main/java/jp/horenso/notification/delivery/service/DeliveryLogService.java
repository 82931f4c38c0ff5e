package jp.horenso.notification.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.horenso.notification.delivery.DeliveryAttempt;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.repository.DeliveryAttemptRepository;
import jp.horenso.notification.delivery.repository.NotificationRepository;
import jp.horenso.platform.security.Organisation;

/** Reads the delivery log of a case. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DeliveryLogService {

    private final NotificationRepository notifications;
    private final DeliveryAttemptRepository attempts;

    public DeliveryLogService(NotificationRepository notifications, DeliveryAttemptRepository attempts) {
        this.notifications = notifications;
        this.attempts = attempts;
    }

    /**
     * Every notification about the organisation's case, oldest first, each with its attempts; empty when there is
     * none — also for a case of another organisation, which looks exactly like a case without notices.
     */
    public List<DeliveryLogEntry> forIncident(Organisation organisation, UUID incidentId) {
        List<Notification> found = notifications.listByIncident(organisation, incidentId);
        Map<Long, List<DeliveryAttempt>> byNotification = attempts.listFor(found).stream()
                .collect(Collectors.groupingBy(a -> a.notification().id()));
        return found.stream()
                .map(n -> DeliveryLogEntry.of(n, digestOf(n), byNotification.getOrDefault(n.id(), List.of())))
                .toList();
    }

    private UUID digestOf(Notification n) {
        return n.digestLeaderId() == null
                ? null
                : notifications
                        .findByIdOptional(n.digestLeaderId())
                        .map(Notification::notificationId)
                        .orElse(null);
    }
}
