package jp.horenso.notification.delivery;

/** The way a notification reaches its recipient, as named in the event contract. */
public enum Channel {
    /** E-mail through SMTP. */
    MAIL,
    /** A chat or system webhook: generic signed JSON, Microsoft Teams, Slack or Mattermost. */
    WEBHOOK,
    /**
     * The in-app inbox. Every notification is put there when it arrives; it is the channel of record only when
     * no outside channel can be said to have delivered it (an outcome unknown that must not be repeated).
     */
    INBOX
}
