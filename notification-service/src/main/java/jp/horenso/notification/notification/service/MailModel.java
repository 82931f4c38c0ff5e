package jp.horenso.notification.notification.service;

/**
 * What a notification may say: the recipient's name, the case number, its severity, the links and the
 * deadlines — never the case's title, description or anything about the persons it concerns.
 *
 * @param caseLink the link to the case; null for an outside body, which cannot log in
 * @param ackLink the one-click acknowledgement link; null for kinds without a hop
 * @param ackLinkExpiresJa until when the link works, for Japanese readers; null without a link
 * @param deadlineJa the acknowledgement deadline in Japan time, for Japanese readers; null when there is none
 * @param deadlineEn the same deadline written for English readers
 * @param legalReportJa for a legal deadline notice, the report (速報 / 確報); null otherwise
 * @param legalReportTo the body the legal report goes to, e.g. 個人情報保護委員会
 * @param legalDueJa the legal report's deadline in Japan time
 * @param deputy whether the recipient receives this as deputy (代理者) for the position's holder
 */
public record MailModel(String recipientName, String incidentNumber, String severityJa, String severityEn,
        String caseLink, String ackLink, String ackLinkExpiresJa, String ackLinkExpiresEn, String deadlineJa,
        String deadlineEn, String legalReportJa, String legalReportEn, String legalReportTo, String legalDueJa,
        String legalDueEn, boolean deputy, boolean drill) {
}
