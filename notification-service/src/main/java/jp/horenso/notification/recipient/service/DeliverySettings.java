package jp.horenso.notification.recipient.service;

import java.util.List;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.WebhookFormat;

/**
 * The command to replace how a person is to be reached: channels in failover order and the digest window
 * (ISO-8601 duration such as {@code PT10M}; null for none). Checked by {@link RecipientService#replace}.
 */
public record DeliverySettings(List<ChannelSetting> channels, String digestWindow) {

    /**
     * One channel.
     *
     * @param address a mail address other than the directory's (MAIL, optional) or the URL (WEBHOOK)
     * @param secret the HMAC key the receiver checks signatures with (required for GENERIC, at least 32 characters)
     */
    public record ChannelSetting(Channel channel, WebhookFormat format, String address, String secret) {}
}
