package jp.horenso.notification.notification.channel;

import jp.horenso.notification.notification.Channel;

/**
 * Delivers messages through one channel. Implementations block until the channel accepted the message and
 * throw when it did not; they are called on a worker thread, outside any transaction.
 */
public interface ChannelSender {

    /** The channel this sender serves. */
    Channel channel();

    /** Delivers one message; any exception counts as a failed attempt. */
    void send(OutgoingMessage message);
}
