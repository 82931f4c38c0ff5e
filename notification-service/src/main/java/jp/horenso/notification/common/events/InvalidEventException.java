package jp.horenso.notification.common.events;

/** A record that is not a CloudEvent this service can apply; it goes to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
