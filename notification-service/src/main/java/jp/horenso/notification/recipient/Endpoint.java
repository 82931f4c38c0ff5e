package jp.horenso.notification.recipient;

import java.net.URI;
import jp.horenso.notification.delivery.Channel;

/**
 * One step of a recipient's route, as the delivery worker uses it.
 *
 * @param id the recipient_channel row; null for the default route (mail to the request's address)
 * @param position the step's place in the route; -1 for the default route
 * @param address mail address (null: the request's) or webhook URL
 * @param secret HMAC key of a webhook, or null
 */
public record Endpoint(Long id, int position, Channel channel, WebhookFormat format, String address, String secret) {

    /** What a person gets when nothing is configured: mail to the address escalation-service sent. */
    public static final Endpoint DEFAULT_MAIL = new Endpoint(null, -1, Channel.MAIL, null, null, null);

    /** Whether delivering the same notification here again cannot make it arrive twice. */
    public boolean isRepeatSafe() {
        return channel == Channel.WEBHOOK && format != null && format.isRepeatSafe();
    }

    /**
     * Where the attempt went, for the delivery log: a mail address, or a webhook's format and host — never the
     * whole URL, which for chats carries the access token.
     */
    public String describe(String mailAddress) {
        if (channel == Channel.MAIL) {
            return address != null ? address : mailAddress;
        }
        String host;
        try {
            host = URI.create(address).getHost();
        } catch (IllegalArgumentException e) {
            host = "?";
        }
        return format + " " + host;
    }
}
