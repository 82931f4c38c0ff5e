package jp.horenso.notification.acknowledgement.rest;

import jp.horenso.notification.acknowledgement.service.AckLinkOutcome;
import jp.horenso.notification.acknowledgement.service.AckLinkOutcome.Refusal;

/**
 * The small bilingual page an acknowledgement link shows: what happened, in Japanese then English, and — only on
 * the confirmation page — the button that records the acknowledgement.
 *
 * @param incidentNumber the case number, when the link could be read; nothing else about the case is shown
 */
public record AckPage(
        int status,
        String titleJa,
        String titleEn,
        String messageJa,
        String messageEn,
        String incidentNumber,
        boolean drill,
        boolean button) {

    /** The page a good link shows when opened: nothing recorded yet. */
    static AckPage confirm(AckLinkOutcome outcome) {
        return new AckPage(
                200,
                "受領の確認",
                "Confirm your acknowledgement",
                "下のボタンを押すと、この事案の報告を受けたこと（受領）が記録されます。このページを開いただけでは記録されません。",
                "Press the button below to record that you received the report of this case. Opening this page "
                        + "records nothing.",
                outcome.incidentNumber(),
                outcome.drill(),
                true);
    }

    /** The page after the acknowledgement was recorded. */
    static AckPage done(AckLinkOutcome outcome) {
        return new AckPage(
                200,
                "受領を記録しました",
                "Acknowledgement recorded",
                "受領を記録しました。事案の内容は Horenso にログインして確認してください。このページは閉じてかまいません。",
                "Your acknowledgement has been recorded. Log in to Horenso to read the case. You may close this page.",
                outcome.incidentNumber(),
                outcome.drill(),
                false);
    }

    /** The page of a refused link, saying why and what to do instead. */
    static AckPage refused(AckLinkOutcome outcome) {
        Refusal refusal = outcome.refusal();
        return switch (refusal) {
            case FORGED ->
                new AckPage(
                        refusal.status(),
                        "このリンクは無効です",
                        "This link is not valid",
                        "リンクが正しくないか、書き換えられています。受け取ったメッセージのリンクをそのまま開くか、Horenso にログインして受領を記録してください。",
                        "The link is wrong or has been altered. Open the link exactly as you received it, or log in "
                                + "to Horenso and acknowledge there.",
                        null,
                        false,
                        false);
            case EXPIRED ->
                new AckPage(
                        refusal.status(),
                        "このリンクは有効期限が切れています",
                        "This link has expired",
                        "受領のリンクには有効期限があります。Horenso にログインして受領を記録してください。",
                        "Acknowledgement links work for a limited time. Please log in to Horenso and acknowledge there.",
                        outcome.incidentNumber(),
                        outcome.drill(),
                        false);
            case USED ->
                new AckPage(
                        refusal.status(),
                        "このリンクは使用済みです",
                        "This link has already been used",
                        "このリンクによる受領はすでに記録されています。リンクは1回だけ使えます。",
                        "The acknowledgement with this link has already been recorded. A link works only once.",
                        outcome.incidentNumber(),
                        outcome.drill(),
                        false);
            case NOT_YOURS ->
                new AckPage(
                        refusal.status(),
                        "このリンクはあなた宛てではありません",
                        "This link was not sent to you",
                        "ログインしている方と、リンクの宛先の方が異なります。受領は宛先の方ご本人が記録してください。",
                        "You are logged in as someone other than the person this link was sent to. Only that person "
                                + "can acknowledge with it.",
                        outcome.incidentNumber(),
                        outcome.drill(),
                        false);
            case CHAIN_STOPPED ->
                new AckPage(
                        refusal.status(),
                        "この事案は終了しています",
                        "This case is no longer open",
                        "この事案は終了したか取り下げられたため、受領を記録する必要はありません。",
                        "The case was closed or withdrawn, so there is nothing left to acknowledge.",
                        outcome.incidentNumber(),
                        outcome.drill(),
                        false);
        };
    }
}
