package jp.horenso.notification.recipient.service;

import java.util.List;
import jp.horenso.notification.delivery.Channel;
import jp.horenso.notification.recipient.WebhookFormat;

/**
 * A person's delivery settings as shown to the security lead; secrets are never shown, only whether one is set.
 *
 * @param channels empty when nothing is configured: then mail goes to the address in each request
 * @param neverGrouped true for the CISO, whose messages are never grouped or delayed whatever the window says
 */
public record DeliverySettingsView(
        String username, List<ChannelView> channels, String digestWindow, boolean neverGrouped) {

    /** One configured channel. */
    public record ChannelView(int position, Channel channel, WebhookFormat format, String address, boolean secretSet) {}
}
