package jp.horenso.notification.delivery.channel;

/**
 * The send began but its outcome is unknown (e.g. the connection broke after the message was written): the
 * message may have arrived, so sending it again could deliver it twice.
 */
public class DeliveryInDoubtException extends RuntimeException {

    private final boolean resendOnce;

    public DeliveryInDoubtException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param resendOnce whether the channel may send it once more although a copy may have arrived, because the
     *     receiver can tell the copy from a new message (mail: the same Message-ID)
     */
    public DeliveryInDoubtException(String message, Throwable cause, boolean resendOnce) {
        super(message, cause);
        this.resendOnce = resendOnce;
    }

    /** Whether one more send is allowed although a copy may have arrived (see the constructor). */
    public boolean resendOnce() {
        return resendOnce;
    }
}
