package jp.horenso.notification.notification;

/** The subject and plain-text body of a notification, rendered once when the request arrives. */
public record RenderedMessage(String subject, String body) {
}
