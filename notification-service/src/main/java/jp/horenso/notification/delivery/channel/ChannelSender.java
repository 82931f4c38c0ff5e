package jp.horenso.notification.delivery.channel;

import jp.horenso.notification.delivery.Channel;

/**
 * Delivers messages through one channel. Implementations block until the channel accepted the message; they
 * are called on a worker thread, outside any transaction.
 */
public interface ChannelSender {

    /** The channel this sender serves. */
    Channel channel();

    /**
     * Delivers one message. Throws {@link DeliveryFailedException} when the channel certainly did not take it,
     * and {@link DeliveryInDoubtException} (or anything else) when it may have.
     */
    void send(OutgoingMessage message);
}
