package jp.horenso.notification.notification.service;

/**
 * What a notification mail may say: the recipient's name, the case number and links, the deadline — never the
 * case's title, description or any personal data of the case.
 *
 * @param deadlineJa the acknowledgement deadline in Japan time, written for Japanese readers
 * @param deadlineEn the same deadline written for English readers
 */
public record MailModel(String recipientName, String incidentNumber, String caseLink, String acknowledgeLink,
        String deadlineJa, String deadlineEn, boolean drill) {
}
