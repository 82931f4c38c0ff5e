package jp.horenso.notification.notification;

/** The way a notification reaches its recipient, as named in the event contract. */
public enum Channel {
    /** E-mail through SMTP. */
    MAIL,
    /** A chat or system webhook (Teams, Slack, Mattermost); not yet delivered by this service. */
    WEBHOOK,
    /** The in-app inbox; not yet delivered by this service. */
    INBOX
}
