package jp.horenso.notification.delivery.channel;

import java.util.UUID;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.delivery.NotificationKind;

/**
 * One notification inside an outgoing message (a digest carries several): what webhooks and digests list
 * about it. Nothing about the case beyond its number, kind and severity.
 *
 * @param copyOf the user name whose notice this is a copy of, or null
 */
public record MessageItem(
        UUID notificationId,
        UUID incidentId,
        String incidentNumber,
        NotificationKind kind,
        String severity,
        boolean drill,
        String subject,
        String summary,
        String caseLink,
        String ackLink,
        String copyOf) {

    /** The item of a stored notification. */
    public static MessageItem of(Notification n) {
        return new MessageItem(
                n.notificationId(),
                n.incidentId(),
                n.incidentNumber(),
                n.kind(),
                n.severity(),
                n.drill(),
                n.subject(),
                n.summary(),
                n.caseLink(),
                n.ackLink(),
                n.copyOf());
    }
}
