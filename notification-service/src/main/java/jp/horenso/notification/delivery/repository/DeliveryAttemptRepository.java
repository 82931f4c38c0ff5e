package jp.horenso.notification.delivery.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jp.horenso.notification.delivery.DeliveryAttempt;
import jp.horenso.notification.delivery.DeliveryOutcome;
import jp.horenso.notification.delivery.Notification;

/** Stores and lists delivery attempts. */
@ApplicationScoped
public class DeliveryAttemptRepository implements PanacheRepository<DeliveryAttempt> {

    /** The attempt with this number, if it was recorded. */
    public Optional<DeliveryAttempt> findAttempt(Notification notification, int attemptNumber) {
        return find("notification = ?1 and attemptNumber = ?2", notification, attemptNumber)
                .firstResultOptional();
    }

    /** How many attempts of the notification ended with an unknown outcome. */
    public long countUnknown(Notification notification) {
        return count("notification = ?1 and outcome = ?2", notification, DeliveryOutcome.UNKNOWN);
    }

    /** Every attempt of the given notifications, in order. */
    public List<DeliveryAttempt> listFor(Collection<Notification> notifications) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        return list("notification in ?1 order by notification.id, attemptNumber", notifications);
    }
}
