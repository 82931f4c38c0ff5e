package jp.horenso.notification.delivery.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.delivery.Notification;
import jp.horenso.notification.recipient.Endpoint;

/**
 * A claimed notification as a sender needs it, detached from the database so it can be sent outside any
 * transaction. A digest is sent as its leader notification and lists every grouped notification in
 * {@code items}.
 *
 * @param id the notification row (of the leader, for a digest)
 * @param endpoint the step of the recipient's route this attempt uses
 * @param address where the channel delivers: the e-mail address, or the webhook URL
 * @param attempt the number of this delivery attempt of the notification, starting at 1
 * @param items the notifications the message is about, oldest first (one unless it is a digest)
 */
public record OutgoingMessage(
        long id,
        UUID notificationId,
        UUID incidentId,
        Endpoint endpoint,
        String address,
        String subject,
        String body,
        String summary,
        int attempt,
        List<MessageItem> items) {

    /** The message for attempt {@code attempt} of a notification, with the digest members it leads (if any). */
    public static OutgoingMessage of(Notification n, int attempt, Endpoint endpoint, List<Notification> members) {
        String address = endpoint.channel() == Channel.MAIL && endpoint.address() == null
                ? n.recipientEmail()
                : endpoint.address();
        boolean digest = !members.isEmpty() && n.digestSubject() != null;
        List<MessageItem> items = new ArrayList<>();
        items.add(MessageItem.of(n));
        if (digest) {
            members.forEach(m -> items.add(MessageItem.of(m)));
        }
        return new OutgoingMessage(
                n.id(),
                n.notificationId(),
                n.incidentId(),
                endpoint,
                address,
                digest ? n.digestSubject() : n.subject(),
                digest ? n.digestBody() : n.body(),
                digest ? n.digestSummary() : n.summary(),
                attempt,
                List.copyOf(items));
    }

    public Channel channel() {
        return endpoint.channel();
    }

    /** Whether this message is a digest of several notifications. */
    public boolean isDigest() {
        return items.size() > 1;
    }

    /** Where the attempt goes, for the delivery log (a webhook's host, never its URL). */
    public String target() {
        return endpoint.describe(address);
    }
}
