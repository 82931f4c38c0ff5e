package jp.horenso.notification.delivery.channel;

/**
 * The send began but its outcome is unknown (e.g. the connection broke after the message was written): the
 * message may have arrived, so sending it again could deliver it twice.
 */
public class DeliveryInDoubtException extends RuntimeException {

    public DeliveryInDoubtException(String message, Throwable cause) {
        super(message, cause);
    }
}
