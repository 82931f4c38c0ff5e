package jp.horenso.notification.recipient;

/** The body a webhook receiver understands. */
public enum WebhookFormat {
    /** Horenso's own JSON, signed with {@code X-Horenso-Signature} (HMAC-SHA256) and a timestamp. */
    GENERIC,
    /** A Microsoft Teams incoming webhook or Workflows webhook: a message with an Adaptive Card. */
    TEAMS,
    /** A Slack incoming webhook: {@code text} and Block Kit blocks. */
    SLACK,
    /** A Mattermost incoming webhook: Markdown {@code text}. */
    MATTERMOST;

    /**
     * Whether sending the same notification again cannot show it twice: only the generic receiver is bound
     * to drop a repeated {@code Idempotency-Key}; chats show every post.
     */
    public boolean isRepeatSafe() {
        return this == GENERIC;
    }
}
