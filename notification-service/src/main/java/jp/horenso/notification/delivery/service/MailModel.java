package jp.horenso.notification.delivery.service;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What a notification may say: the recipient's name, the case number, its severity, the links and the
 * deadlines — never the case's title, description or anything about the persons it concerns. The one piece of
 * free text is the note a member of staff wrote for the recipient (a comment, or the CISO's instructions).
 *
 * @param severityJa the severity for Japanese readers; null when the message does not state one
 * @param caseLink the link to the case; null for an outside body, which cannot log in
 * @param ackLink the one-click acknowledgement link; null for kinds without a hop, and for copies
 * @param ackLinkExpiresJa until when the link works, for Japanese readers; null without a link
 * @param deadlineJa the acknowledgement deadline in Japan time, for Japanese readers; null when there is none
 * @param deadlineEn the same deadline written for English readers
 * @param legalReportJa for a legal deadline notice, the report (速報 / 確報 / 本人通知); null otherwise
 * @param legalReportTo the body the legal report goes to, e.g. 個人情報保護委員会
 * @param legalDueJa the legal report's deadline in Japan time
 * @param deputy whether the recipient receives this as deputy (代理者) for the position's holder
 * @param copyOf the user name of the person whose notice this is a copy of; null for the recipient's own notice
 * @param copyOfHop whether the copied notice is one its addressee must acknowledge
 * @param noteLines the sender's note, line by line; empty without a note
 * @param noteLabelJa who wrote the note, as the Japanese text introduces it (e.g. コメント)
 * @param reportVersion the CISO report's version; null when the message is not about one
 * @param actionKindJa the response action's kind (応急措置 / 復旧 / 再発防止策); null when it is not about one
 * @param actionDueJa the response action's due date; null when it has none
 */
@TemplateData
public record MailModel(
        String recipientName,
        String incidentNumber,
        String severityJa,
        String severityEn,
        String caseLink,
        String ackLink,
        String ackLinkExpiresJa,
        String ackLinkExpiresEn,
        String deadlineJa,
        String deadlineEn,
        String legalReportJa,
        String legalReportEn,
        String legalReportTo,
        String legalDueJa,
        String legalDueEn,
        boolean deputy,
        boolean drill,
        String copyOf,
        boolean copyOfHop,
        List<String> noteLines,
        String noteLabelJa,
        String noteLabelEn,
        Integer reportVersion,
        String actionKindJa,
        String actionKindEn,
        String actionDueJa,
        String actionDueEn) {}
