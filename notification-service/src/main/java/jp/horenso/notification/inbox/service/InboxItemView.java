package jp.horenso.notification.inbox.service;

import java.time.Instant;
import java.util.UUID;
import jp.horenso.notification.delivery.NotificationKind;
import jp.horenso.notification.inbox.InboxItem;

/** One inbox item as the dashboard shows it: the message's subject and sentences and the links, no case details. */
public record InboxItemView(
        long id,
        UUID notificationId,
        UUID incidentId,
        String incidentNumber,
        NotificationKind kind,
        String severity,
        boolean drill,
        String subject,
        String summary,
        String caseLink,
        String acknowledgeLink,
        Instant createdAt,
        Instant readAt) {

    static InboxItemView of(InboxItem item) {
        return new InboxItemView(
                item.id(),
                item.notificationId(),
                item.incidentId(),
                item.incidentNumber(),
                item.kind(),
                item.severity(),
                item.drill(),
                item.subject(),
                item.summary(),
                item.caseLink(),
                item.ackLink(),
                item.createdAt(),
                item.readAt());
    }
}
