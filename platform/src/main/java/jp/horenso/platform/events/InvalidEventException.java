package jp.horenso.platform.events;

/**
 * A received record that is not a valid event (malformed, incomplete, or permanently inapplicable): it is not
 * retried; the consumer nacks it and it goes to the dead-letter topic.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
