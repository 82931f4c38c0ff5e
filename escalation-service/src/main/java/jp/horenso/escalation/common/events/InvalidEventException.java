package jp.horenso.escalation.common.events;

/** A received record that is not a valid event; the consumer nacks it and it goes to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
