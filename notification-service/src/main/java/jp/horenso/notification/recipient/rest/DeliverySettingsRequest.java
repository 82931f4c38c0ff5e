package jp.horenso.notification.recipient.rest;

import java.util.List;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.WebhookFormat;
import jp.horenso.notification.recipient.service.DeliverySettings;

/**
 * The body of {@code PUT /api/recipients/{username}/delivery}: channels in failover order and the digest window
 * (ISO-8601 duration such as {@code PT10M}; null for none). Checked by the service, which names the field.
 */
public record DeliverySettingsRequest(List<ChannelRequest> channels, String digestWindow) {

    /**
     * One channel.
     *
     * @param address a mail address other than the directory's (MAIL, optional) or the URL (WEBHOOK)
     * @param secret the HMAC key the receiver checks signatures with (required for GENERIC, at least 32 characters)
     */
    public record ChannelRequest(Channel channel, WebhookFormat format, String address, String secret) {}

    /** The service's command; missing parts stay missing, so the service can say which field is wrong. */
    DeliverySettings toCommand() {
        return new DeliverySettings(
                channels == null
                        ? null
                        : channels.stream()
                                .map(c -> c == null
                                        ? null
                                        : new DeliverySettings.ChannelSetting(
                                                c.channel(), c.format(), c.address(), c.secret()))
                                .toList(),
                digestWindow);
    }
}
