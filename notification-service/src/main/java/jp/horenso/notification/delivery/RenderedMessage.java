package jp.horenso.notification.delivery;

/**
 * What a notification says, rendered once when the request arrives: the mail's subject and body, the short
 * text chats and the inbox show, and the links — the only way to the case's details.
 *
 * @param summary the kind's sentence in Japanese, then English (with the drill marking), for chats and the inbox
 * @param ackLink the one-click acknowledgement link, or null when the kind has none
 */
public record RenderedMessage(String subject, String body, String summary, String caseLink, String ackLink) {}
