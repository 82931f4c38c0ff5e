package jp.horenso.notification.delivery.channel;

/** The channel certainly did not take the message (refused, unreachable, an error answer): trying again is safe. */
public class DeliveryFailedException extends RuntimeException {

    public DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
